"""Imports dopdeck's .apkg exports with Anki's own library and checks what Anki sees.

Run by `.ci/run` (through scripts/anki-import-test) inside a virtual environment that has PyPI
`anki` installed. Usage:

    anki_import_check.py PLAIN.apkg PLAIN_AGAIN.apkg PROGRESS.apkg EXPECTED.json

EXPECTED.json holds what dopdeck says it exported: {"notes": N, "reviews": R, "scheduled": S,
"review_items": [guid, ...]} (the GUIDs of items in the review state). Every check prints one
line; the last line is "N passed, M failed" and the exit code is 1 on any failure.
"""

import json
import os
import sys
import tempfile

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(ok)
    print(("ok   " if ok else "FAIL ") + name + (f": {detail}" if detail else ""))


def fresh():
    return Collection(os.path.join(tempfile.mkdtemp(prefix="anki-check-"), "collection.anki2"))


def import_package(col, path, with_scheduling):
    options = ImportAnkiPackageOptions(with_scheduling=with_scheduling, with_deck_configs=with_scheduling)
    request = ImportAnkiPackageRequest(package_path=path, options=options)
    return col.import_anki_package(request).log


def counts(col):
    q = col.db.scalar
    return {
        "notes": q("select count() from notes"),
        "cards": q("select count() from cards"),
        "revlog": q("select count() from revlog"),
        "new": q("select count() from cards where type = 0"),
    }


def snapshot(col):
    return sorted(col.db.all("select guid, flds, tags from notes"))


def main():
    plain, plain_again, progress, expected_path = sys.argv[1:5]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    n = expected["notes"]

    # A plain export: every item a new card, in the DOP-C02 deck tree.
    col = fresh()
    log = import_package(col, plain, with_scheduling=False)
    c = counts(col)
    check("plain: notes = items", c["notes"] == n, f"{c['notes']} vs {n}")
    check("plain: cards = items", c["cards"] == n, f"{c['cards']} vs {n}")
    check("plain: all cards new", c["new"] == n, f"{c['new']} new")
    check("plain: first import adds every note", len(log.new) == n, f"{len(log.new)} new")
    names = [d.name for d in col.decks.all_names_and_ids()]
    check("plain: DOP-C02 deck tree", any(x.startswith("DOP-C02::Domain 1") for x in names), ", ".join(names))
    before = snapshot(col)

    # Exporting again and importing into the same collection changes nothing.
    log = import_package(col, plain_again, with_scheduling=False)
    c = counts(col)
    check("again: no new notes", len(log.new) == 0, f"{len(log.new)} new")
    check("again: note count unchanged", c["notes"] == n and c["cards"] == n, str(c))
    check("again: same notes, fields and tags", snapshot(col) == before)
    col.close()

    # With progress and "Import any learning progress": the schedule and the history come along.
    col = fresh()
    import_package(col, progress, with_scheduling=True)
    c = counts(col)
    check("progress: notes = items", c["notes"] == n and c["cards"] == n, str(c))
    check("progress: revlog = our reviews", c["revlog"] == expected["reviews"], f"{c['revlog']} vs {expected['reviews']}")
    check(
        "progress: scheduled cards are not new",
        n - c["new"] == expected["scheduled"],
        f"{n - c['new']} vs {expected['scheduled']}",
    )
    review_guids = expected["review_items"]
    types = dict(col.db.all("select n.guid, c.type from notes n join cards c on c.nid = n.id"))
    not_review = [g for g in review_guids if types.get(g) != 2]
    check("progress: review items are review cards", review_guids and not not_review, f"{len(not_review)} not")
    ids = col.db.list("select c.id from notes n join cards c on c.nid = n.id where n.guid in (%s)" % ",".join(
        "'%s'" % g.replace("'", "''") for g in review_guids))
    memory = [col.get_card(i).memory_state for i in ids]
    check("progress: FSRS memory state kept", all(m is not None and m.stability > 0 for m in memory))
    again = import_package(col, progress, with_scheduling=True)
    c2 = counts(col)
    check("progress again: nothing duplicated", c2 == c and len(again.new) == 0, f"{c2} vs {c}")
    col.close()

    failed = RESULTS.count(False)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
