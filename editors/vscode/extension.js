// The redbrief extension: the `campaign` language (grammar and editing
// rules are declared in package.json) and a client that starts
// `redbrief lsp` for checks, quick fixes, hover, completion, outline and
// formatting. Plain CommonJS, so there is no build step.

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

/** The program to start: the `redbrief.path` setting, or `redbrief` from the PATH. */
function command() {
  const configured = vscode.workspace.getConfiguration("redbrief").get("path");
  return typeof configured === "string" && configured.trim() !== "" ? configured.trim() : "redbrief";
}

async function start() {
  const settings = vscode.workspace.getConfiguration("redbrief");
  const rulesUrl = settings.get("rulesUrl");
  const program = command();
  client = new LanguageClient(
    "redbrief",
    "redbrief",
    // No `transport`: the client talks over stdio without adding `--stdio`.
    { command: program, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "campaign" },
        { scheme: "untitled", language: "campaign" },
      ],
      initializationOptions: rulesUrl ? { rulesUrl } : {},
      // Rosters: a spec is checked again when a spreadsheet changes.
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{csv,tsv,xlsx}"),
      },
      outputChannelName: "redbrief",
    },
  );
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    vscode.window.showErrorMessage(
      `redbrief: could not start \`${program} lsp\` (${reason}). ` +
        "Install redbrief (cargo install --path . in its repository) or set `redbrief.path` to the program.",
    );
  }
}

async function stop() {
  if (client) {
    const running = client;
    client = undefined;
    try {
      await running.stop();
    } catch {
      // A server that already died needs no stopping.
    }
  }
}

async function restart() {
  await stop();
  await start();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("redbrief.restart", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("redbrief")) {
        restart();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
