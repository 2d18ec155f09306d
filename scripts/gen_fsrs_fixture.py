#!/usr/bin/env python3
"""Generate the py-fsrs agreement fixture for dopdeck's scheduler.

Replays random (time, rating) sequences through py-fsrs 6.3.2's ``Scheduler.review_card``
(default parameters, desired retention 0.9, learning steps 1m/10m, relearning step 10m,
maximum interval 36500 days, fuzz off) and records the card after every review. The Rust test
``tests/srs_agreement.rs`` replays the same sequences through ``dopdeck::srs::review`` and
compares.

Review times are chosen so that py-fsrs's "whole 24-hour periods since the last review" and
Anki's "study days since the last review" (day rollover 04:00, UTC offset 0) count the same
number of days: day-scale reviews fall between 10:00 and 14:00 UTC, and a candidate time is
rejected when the two counts differ (that happens when a review lands earlier in the day than
the previous one). Learning-step reviews are seconds to minutes after the step is due; some
learning cards are left for hours or days, and some review cards are answered early or late,
so that both the short-term (same day) and the long-term branches of the model are exercised.

Usage:
    pip install fsrs==6.3.2
    python3 scripts/gen_fsrs_fixture.py > tests/fixtures/fsrs/py_fsrs_6_3_2.json
"""

from __future__ import annotations

import json
import random
import sys
from datetime import datetime, timedelta, timezone

import fsrs
from fsrs import Card, Rating, Scheduler, State

SEED = 20240603
SEQUENCES = 240
MIN_REVIEWS = 10
MAX_REVIEWS = 24
ROLLOVER_HOUR = 4
# Ratings are drawn with these weights (Again, Hard, Good, Easy).
RATING_WEIGHTS = (0.2, 0.15, 0.45, 0.2)
# Day-scale reviews happen in this window (UTC hours), around midday.
WINDOW_START_H = 10
WINDOW_END_H = 14

STATE_NAMES = {
    State.Learning: "learning",
    State.Review: "review",
    State.Relearning: "relearning",
}


def iso(t: datetime) -> str:
    """RFC 3339 with a trailing Z, as chrono parses it."""
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def anki_day(t: datetime) -> int:
    """The study day of ``t`` with the day rolling over at ROLLOVER_HOUR UTC."""
    return (t - timedelta(hours=ROLLOVER_HOUR)).date().toordinal()


def counts_agree(last: datetime, t: datetime) -> bool:
    """Whether py-fsrs's 24-hour periods and Anki's study days agree on the gap."""
    return (t - last).days == anki_day(t) - anki_day(last)


def midday(day: datetime, rng: random.Random) -> datetime:
    """A time of day on ``day``'s date between WINDOW_START_H and WINDOW_END_H UTC."""
    base = day.replace(hour=WINDOW_START_H, minute=0, second=0, microsecond=0)
    span = (WINDOW_END_H - WINDOW_START_H) * 3600
    return base + timedelta(seconds=rng.randrange(span))


def next_review_time(card: Card, last: datetime, rng: random.Random) -> datetime:
    """Pick the next review time for ``card``, last reviewed at ``last``."""
    for attempt in range(1000):
        if card.state in (State.Learning, State.Relearning):
            roll = rng.random()
            if roll < 0.75:
                # On time or a few minutes late, the usual learning-step review.
                t = card.due + timedelta(seconds=rng.randrange(0, 300))
            elif roll < 0.85:
                # Later the same afternoon.
                t = card.due + timedelta(seconds=rng.randrange(300, 4 * 3600))
            else:
                # The learner comes back some days later.
                t = midday(last + timedelta(days=rng.randrange(1, 6)), rng)
        else:
            interval_days = max(1, round((card.due - last).total_seconds() / 86400))
            roll = rng.random()
            if roll < 0.65:
                offset = 0
            elif roll < 0.85:
                offset = rng.randrange(1, 1 + max(1, interval_days // 2))
            else:
                offset = -rng.randrange(0, interval_days)
            t = midday(card.due + timedelta(days=offset), rng)
            if attempt > 100:
                # The last review was late in the day (a learning step answered in the
                # afternoon): review at the same time of day instead, up to 30 minutes later.
                t = card.due + timedelta(days=offset, seconds=rng.randrange(1800))
        if t > last and counts_agree(last, t):
            return t
    raise RuntimeError("could not find an agreeing review time")


def main() -> None:
    rng = random.Random(SEED)
    scheduler = Scheduler(enable_fuzzing=False, desired_retention=0.9)
    sequences = []
    for index in range(SEQUENCES):
        start = datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(days=rng.randrange(730))
        t = midday(start, rng)
        card = Card(card_id=index + 1, due=t)
        reviews = []
        for review_index in range(rng.randint(MIN_REVIEWS, MAX_REVIEWS)):
            if review_index > 0:
                t = next_review_time(card, card.last_review, rng)
            rating = rng.choices(
                [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy], RATING_WEIGHTS
            )[0]
            card, _ = scheduler.review_card(card, rating, review_datetime=t)
            reviews.append(
                {
                    "at": iso(t),
                    "rating": int(rating),
                    "expected": {
                        "state": STATE_NAMES[card.state],
                        "step": card.step,
                        "stability": card.stability,
                        "difficulty": card.difficulty,
                        "due": iso(card.due),
                    },
                }
            )
        sequences.append({"id": f"seq-{index:03}", "reviews": reviews})

    fixture = {
        "generator": "scripts/gen_fsrs_fixture.py",
        "py_fsrs_version": fsrs.__version__ if hasattr(fsrs, "__version__") else "6.3.2",
        "seed": SEED,
        "parameters": list(scheduler.parameters),
        "desired_retention": scheduler.desired_retention,
        "learning_steps_secs": [int(s.total_seconds()) for s in scheduler.learning_steps],
        "relearning_steps_secs": [int(s.total_seconds()) for s in scheduler.relearning_steps],
        "maximum_interval": scheduler.maximum_interval,
        "day_rollover_hour": ROLLOVER_HOUR,
        "sequences": sequences,
    }
    # One sequence per line keeps the committed file diffable.
    sequences_json = ",\n".join(json.dumps(seq, separators=(",", ":")) for seq in sequences)
    fixture["sequences"] = "__SEQUENCES__"
    header = json.dumps(fixture, indent=1)
    sys.stdout.write(header.replace('"__SEQUENCES__"', "[\n" + sequences_json + "\n]") + "\n")


if __name__ == "__main__":
    main()
