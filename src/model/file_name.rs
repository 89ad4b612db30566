//! A creator handle as a file name that is safe on Linux, macOS and Windows:
//! Chinese and other letters kept, anything a file system would read as a
//! path, a hidden file or a device made harmless.

/// Names Windows reserves for devices, whatever the extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Characters some file system refuses or reads as a path.
const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// Most file systems allow 255 bytes; this leaves room for the extension.
const MAX_BYTES: usize = 200;

/// `@lina.glow` → `lina.glow`, `@小雨护肤日记` → `小雨护肤日记`, `@..` → `__`.
/// The extension is added by the caller.
pub fn for_handle(handle: &str) -> String {
    let bare = handle.strip_prefix('@').unwrap_or(handle);
    let mut name: String = bare
        .chars()
        .map(|ch| {
            if ch.is_control() || FORBIDDEN.contains(&ch) {
                '_'
            } else {
                ch
            }
        })
        .collect();

    // A leading dot hides the file (and `..` is the parent folder); Windows
    // drops trailing dots and spaces, so two names could become one.
    let leading = name.len() - name.trim_start_matches(['.', ' ']).len();
    let trailing = name.len() - name.trim_end_matches(['.', ' ']).len();
    if leading == name.len() {
        name = "_".repeat(name.chars().count().max(1));
    } else if leading + trailing > 0 {
        let middle = &name[leading..name.len() - trailing];
        name = format!("{}{middle}{}", "_".repeat(leading), "_".repeat(trailing));
    }

    let stem = name.split('.').next().unwrap_or_default();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        name.insert(stem.len(), '_');
    }

    if name.len() > MAX_BYTES {
        let mut cut = MAX_BYTES;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name.truncate(cut);
    }
    name
}

/// Two names that are one file somewhere clash: on a case-insensitive file
/// system (macOS, Windows) `Lina` and `lina` are one file, and macOS stores
/// `é` typed as one character or as `e` and an accent as one name. So names
/// are compared in Unicode's composed form (NFC), lower-cased (which also
/// takes the Kelvin sign `K` to `k`).
pub fn clash_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    // ASCII is its own normal form: most handles, ten thousand at a time.
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    name.nfc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::{clash_key, for_handle};

    #[test]
    fn names_one_file_system_would_merge_clash() {
        assert_eq!(clash_key("Lina"), clash_key("lina"));
        // KELVIN SIGN and a Latin K.
        assert_eq!(clash_key("\u{212A}iki"), clash_key("kiki"));
        // é composed, and e with a combining accent.
        assert_eq!(clash_key("caf\u{E9}"), clash_key("cafe\u{301}"));
        assert_ne!(clash_key("lina"), clash_key("lena"));
    }

    #[test]
    fn ascii_names_clash_as_the_unicode_path_says() {
        use unicode_normalization::UnicodeNormalization as _;
        let printable: String = (b' '..=b'~').map(char::from).collect();
        for name in [printable.as_str(), "Lina.GLOW_1", "KOL-Amy", "_x_"] {
            assert_eq!(
                clash_key(name),
                name.nfc().collect::<String>().to_lowercase()
            );
        }
    }

    #[test]
    fn keeps_letters_of_any_script() {
        assert_eq!(for_handle("@lina.glow"), "lina.glow");
        assert_eq!(for_handle("@小雨护肤日记"), "小雨护肤日记");
        assert_eq!(for_handle("@Momo在上海"), "Momo在上海");
    }

    #[test]
    fn paths_and_hidden_names_become_plain_names() {
        assert_eq!(for_handle("@.."), "__");
        assert_eq!(for_handle("@."), "_");
        assert_eq!(for_handle("@"), "_");
        assert_eq!(for_handle("@.hidden"), "_hidden");
        assert_eq!(for_handle("@a/../b"), "a_.._b");
        assert_eq!(for_handle("@a\\b:c"), "a_b_c");
        assert_eq!(for_handle("@tab\there\n"), "tab_here_");
        assert_eq!(for_handle("@ends."), "ends_");
    }

    #[test]
    fn device_names_are_not_devices() {
        assert_eq!(for_handle("@con"), "con_");
        assert_eq!(for_handle("@COM1.x"), "COM1_.x");
        assert_eq!(for_handle("@console"), "console");
    }

    #[test]
    fn long_names_are_cut_on_a_character() {
        let long = format!("@{}", "雨".repeat(100));
        let name = for_handle(&long);
        assert!(name.len() <= super::MAX_BYTES);
        assert!(name.chars().all(|c| c == '雨'));
    }
}
