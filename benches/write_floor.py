#!/usr/bin/env python3
"""The least any renderer could take to write redbrief's output, against the DIY peer.

Holds every file of a rendered tree in memory, then, alternating with the DIY peer as
../shared/bench/ratio.py does, writes them all into a folder deleted just before and
flushes them to disk (one syncfs, as redbrief does): no parsing, no rendering, only
making folders and files. Everything else is flushed before the clock starts. If this
alone is above 0.2x the peer, no renderer writing these files meets that target here.

usage: write_floor.py TREE SPEC.yaml [RUNS=5] [DIR]
  TREE       a render's output, e.g. `redbrief render spec.campaign -o /tmp/out`
  SPEC.yaml  the same roster for the peer (../shared/bench/diy/gen_yaml.py N)
  DIR        where to write (default: the system's temporary folder, as ratio.py)
"""
import ctypes, os, pathlib, shutil, statistics, subprocess, sys, tempfile, time

here = pathlib.Path(__file__).resolve().parent
peer = here.parent.parent / "shared" / "bench" / "diy" / "render.py"
tree, yml = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
where = sys.argv[4] if len(sys.argv) > 4 else None
libc = ctypes.CDLL(None, use_errno=True)


def syncfs(path):
    """Flushes the file system holding `path` (Linux), as `redbrief render` does."""
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.syncfs(fd) != 0:
            raise OSError(ctypes.get_errno(), "syncfs failed")
    finally:
        os.close(fd)


files = []
for folder, _, names in os.walk(tree):
    for name in names:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            files.append((os.path.relpath(path, tree), f.read()))
folders = sorted({os.path.dirname(relative) for relative, _ in files})

tmp = pathlib.Path(tempfile.mkdtemp(prefix="rb-floor-", dir=where))
out, diy_out = tmp / "out", tmp / "diy"
written, diy = [], []
try:
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        # The peer's last tree and this deletion are not ours to flush.
        os.sync()
        start = time.perf_counter()
        for folder in folders:
            os.makedirs(out / folder, exist_ok=True)
        for relative, contents in files:
            with open(out / relative, "wb") as f:
                f.write(contents)
        syncfs(out)
        written.append(time.perf_counter() - start)

        shutil.rmtree(diy_out, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, peer, yml, diy_out], check=True, stdout=subprocess.DEVNULL)
        diy.append(time.perf_counter() - start)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

med = statistics.median
print(f"{len(files)} files: writing only {med(written)*1000:.0f} ms (min {min(written)*1000:.0f}, max {max(written)*1000:.0f})"
      f"   DIY {med(diy)*1000:.0f} ms   ratio {med(written)/med(diy):.2f}   (0.2x DIY is {0.2*med(diy)*1000:.0f} ms)")
