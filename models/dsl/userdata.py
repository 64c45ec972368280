"""Which audio a run uses: the shipped dataset (models/.data + dataset/manifest.csv), a folder with
one sub-folder per category, or a CSV with columns path, category, split.

Every source becomes the same manifest rows (path as the source names it, file on disk, category,
split, source, licence) so training,
threshold choice and shipping do not care where the audio came from. A folder's split uses the
shipped builder's rule (dataset/sources.split_of) with the category as the group: per category the
first file by name hash goes to test, the second to val, the rest ~80/10/10 by hash."""
import csv
import os

import numpy as np

from dataset.audio_io import WavError, read_wav
from dataset.build import MODELS, read_manifest
from dataset.sources import split_of

SHIPPED_DATA = os.path.join(MODELS, ".data")
SPLITS = ("train", "val", "test")
CSV_COLUMNS = ("path", "category", "split")
USER_LICENCE = "the user's own audio"


class DataError(Exception):
    """Data the run cannot use; the message says what and where."""


def shipped_rows():
    if not os.path.isdir(os.path.join(SHIPPED_DATA, "wav")):
        raise DataError("%s: the shipped dataset is not built: run models/train.sh (or models/install_deps.sh, "
                        "then 'python3 -m dataset.build' inside models/), or give --data DIR|FILE.csv"
                        % SHIPPED_DATA)
    return [dict(r, file=os.path.join(SHIPPED_DATA, r["path"])) for r in read_manifest()]


def folder_rows(root):
    if not os.path.isdir(root):
        raise DataError("%s: no such data folder" % root)
    cats = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)) and not d.startswith("."))
    if not cats:
        raise DataError("%s: no category sub-folders (expected DIR/<category>/*.wav)" % root)
    rows = []
    for c in cats:
        names = sorted(os.path.relpath(os.path.join(d, f), os.path.join(root, c))
                       for d, _, fs in os.walk(os.path.join(root, c)) for f in fs if f.lower().endswith(".wav"))
        if not names:
            raise DataError("%s: category folder has no .wav files" % os.path.join(root, c))
        for n in names:
            rows.append({"path": os.path.join(c, n), "file": os.path.join(root, c, n), "category": c,
                         "split": split_of(names, n), "source": "%s/%s" % (c, n), "licence": USER_LICENCE})
    return rows


def csv_rows(path):
    try:
        with open(path, newline="") as f:
            rd = csv.DictReader(f)
            missing = [k for k in CSV_COLUMNS if k not in (rd.fieldnames or [])]
            if missing:
                raise DataError("%s: missing column(s) %s (need %s)" % (path, ", ".join(missing), ", ".join(CSV_COLUMNS)))
            raw = list(rd)
    except OSError as e:
        raise DataError("%s: cannot read (%s)" % (path, e.strerror or e))
    if not raw:
        raise DataError("%s: no rows" % path)
    base = os.path.dirname(os.path.abspath(path))
    rows = []
    for i, r in enumerate(raw, start=2):
        if r["split"] not in SPLITS:
            raise DataError("%s line %d: split '%s' is not one of %s" % (path, i, r["split"], ", ".join(SPLITS)))
        if not r["category"]:
            raise DataError("%s line %d: empty category" % (path, i))
        rows.append({"path": r["path"], "file": os.path.join(base, r["path"]), "category": r["category"], "split": r["split"],
                     "source": r["path"], "licence": r.get("licence") or USER_LICENCE})
    return rows


def rows_of(data):
    """data: None (the shipped dataset), a folder, or a .csv file."""
    if data is None:
        return shipped_rows()
    rows = csv_rows(data) if data.lower().endswith(".csv") else folder_rows(data)
    empty = [s for s in SPLITS if not any(r["split"] == s for r in rows)]
    if empty:
        raise DataError("%s: split(s) %s have no files (a folder needs >= 3 files in a category; a CSV must name "
                        "all of train, val, test)" % (data, ", ".join(empty)))
    return rows


def load_split(rows, split, sr):
    """[(row, float32 wave in [-1, 1])] of one split, every file checked against the config's rate."""
    out = []
    for r in rows:
        if r["split"] != split:
            continue
        try:
            x = read_wav(r["file"], sr)
        except WavError as e:
            raise DataError(str(e))
        out.append((r, x.astype(np.float32) / 32768.0))
    return out
