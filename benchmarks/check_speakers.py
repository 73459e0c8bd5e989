#!/usr/bin/env python3
"""The speaker-quality check (`attribution.quality.speaker_check`) on real news text; prints one line and the
flagged speakers. Not a test: it needs a PolNeAR folder, and reads only its training part.

    .venv/bin/python benchmarks/check_speakers.py --polnear DIR [--outlet nyt] [--rules]

Counts the speakers of every attribution slant finds (with the tagger, or the rules alone with ``--rules``) in
the training part's articles whose file name starts with ``--outlet``: speakers that are pronouns, open with a
clause word, or are lower-case phrases that denote no people or organisation (target: under 1%).
"""

from __future__ import annotations

import argparse
from collections import Counter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", required=True)
    parser.add_argument("--outlet", default="nyt", help="file-name prefix of the articles (an outlet)")
    parser.add_argument("--rules", action="store_true", help="the rule extractor alone, without the tagger")
    args = parser.parse_args()

    from slant import segment
    from slant.actors import load_actors
    from slant.attribution import find_attributions, load_model, training
    from slant.attribution.quality import speaker_check, speaker_problem
    from slant.validate.polnear import load_polnear

    articles = [a for a in training.split(load_polnear(args.polnear))[0] if a.name.startswith(args.outlet)]
    model, actors = (None if args.rules else load_model()), load_actors()
    speakers = [a.speaker.name for article in articles
                for a in find_attributions(article.text, segment.sentences(article.text), actors, model=model)]
    check = speaker_check(speakers)
    print(f"{len(articles)} {args.outlet} articles (training part), {'rules' if args.rules else 'tagger'}: "
          f"{sum(check.problems.values())} of {check.speakers} speakers flagged ({check.share:.2%}): {check.problems}")
    for (problem, speaker), n in Counter((speaker_problem(s), s) for s in speakers if speaker_problem(s)).most_common():
        print(f"  {n} × {speaker!r}: {problem}")


if __name__ == "__main__":
    main()
