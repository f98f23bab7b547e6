#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_bundle: one small valid bundle and one per rejection path.
Usage: tests/fuzz/make_bundle_corpus.py WORKSPACE.json OUT_DIR"""
import hashlib
import json
import pathlib
import sys
import zipfile


def manifest(entries):
    return json.dumps({
        "schema_version": 1, "app_version": "0.1.0", "created": "2026-01-01T00:00:00Z",
        "entries": [{"name": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for n, d, *_ in entries],
    }, indent=2).encode()


def write(path, entries, with_manifest=True, listed=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if with_manifest:
            z.writestr("manifest.json", manifest(listed if listed is not None else entries))
        for name, data, *mode in entries:
            info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (mode[0] if mode else 0o100644) << 16
            z.writestr(info, data)


workspace = pathlib.Path(sys.argv[1]).read_bytes()
out = pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
csv = b"study,x,y,batch,placement,component,value,unit\r\nw,,,1,hbm,energy.total,0.5,J/token\r\n"
good = [("README.txt", b"tierlens-cli render\n"), ("workspace.tierlens.json", workspace), ("workspace.csv", csv)]
write(out / "valid.tierlens.zip", good)
write(out / "no-manifest.zip", good, with_manifest=False)
write(out / "parent.zip", good + [("../evil", b"x")])
write(out / "symlink.zip", good + [("link", b"/etc/passwd", 0o120777)])
write(out / "duplicate-case.zip", good + [("readme.TXT", b"x")])
write(out / "lying-manifest.zip", good, listed=[("README.txt", b"other")] + good[1:])
write(out / "bad-json.zip", [("workspace.tierlens.json", b'{\n  "scenario": {"id": ,\n}')])
