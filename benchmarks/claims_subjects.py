"""Subjects outside their sentence (issue 19, session 11): where the missed gold lines' subjects are, and how well
discourse.AntecedentModel ranks antecedents, with weights fitted leave-one-paper-out.

    .venv/bin/python benchmarks/claims_subjects.py collect gold/seed gold/dev   # writes /tmp/claims_subjects/*.json
    .venv/bin/python benchmarks/claims_subjects.py summary                      # missed lines by kind of subject
    .venv/bin/python benchmarks/claims_subjects.py fit [L2]                     # hand-set vs fitted weights, LOPO

collect: each missed required text line is located in its sentence by object words (>= 0.6 of them; short objects
can land on the wrong sentence), then classified by what stands in subject position (a pronoun, an anaphoric noun
phrase, a self-reference, an agentless passive, no subject, another noun phrase) and where the gold subject is
written (the section heading, the title, the paper's presented method, the three sentences before); and whether the
rules said anything about the sentence (silent / another claim / the same object with the wrong subject). For every
gold text line whose subject is outside its sentence and whose sentence has an anaphor in subject position, the
AntecedentModel candidates at that point with the terms of their score and a label (the scorer's subject match).
fit: a conditional logit over each anaphor's candidates plus an abstain alternative, L2-regularized, fitted leaving
one paper out; reports answers/right/wrong against the hand-set weights of models/claims/discourse.json.
Uses the claims_loop cache for the stages before claims."""

import sys
from pathlib import Path

OUT = Path("/tmp/claims_subjects")
OUT.mkdir(exist_ok=True)
MODE = sys.argv[1] if len(sys.argv) > 1 else "summary"

if MODE == "collect":
    import collections
    import json
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path.cwd()))
    sys.path.insert(0, str(Path.cwd() / "benchmarks"))
    from claims_loop import as_predicted, gold_papers  # noqa: E402

    from pipeline.evaluate.scoring import content_words, score_claims, subject_score, word_f1  # noqa: E402
    from pipeline.extract.claims import extract_claims  # noqa: E402
    from pipeline.extract.claims.discourse import (  # noqa: E402
        AntecedentModel,
        anaphor_at,
        load_discourse_words,
        paper_subjects,
        self_reference_head,
    )
    from pipeline.extract.claims.from_text import _find_mentions, _is_claim_prose, _names_method  # noqa: E402
    from pipeline.extract.claims.prose import SUBJECT_DEPS, AliasDocMaker, load_cues, matchers_for  # noqa: E402
    from pipeline.extract.nlp import load_pipeline  # noqa: E402

    nlp = load_pipeline()
    cues = load_cues()
    words = load_discourse_words()
    folders = [Path(a) for a in sys.argv[2:]]

    def features(model, c, a):
        """The terms of AntecedentModel.score, one by one (so weights can be fitted)."""
        w = model.weights
        distance = model.sentence - c.sentence if c.sentence >= 0 else w["heading_distance"]
        f = {
            f"role_{c.role}": 1.0,
            f"kind_{c.kind}": 1.0,
            "distance": float(distance),
            "repeated": float(min(c.mentions - 1, 3)),
            "other_paragraph": float(c.passage != model.passage and c.sentence >= 0),
            "pronoun_to_object": float(not a.head and c.kind == "noun" and c.role != "subject"),
            "number_mismatch": float(c.plural != a.plural),
        }
        if a.head:
            import re

            ws = {x.rstrip("s") for x in re.findall(r"[a-z0-9]+", c.text.lower())}
            if a.head == c.head or a.head.rstrip("s") in ws:
                f["same_head"] = 1.0
            elif a.head in w["general_anaphor_heads"] and (
                c.kind in ("lexicon", "entity", "phrase") or c.head in model._method_class() or model._process(c.head)
            ):
                f["class_head"] = 1.0
            elif a.head in model._method_class() and c.head in model._method_class():
                f["class_head"] = 1.0
            else:
                f["head_mismatch"] = 1.0
        f["too_far"] = float(distance > w["max_distance"])
        return f

    def subject_anaphors(s):
        out = []
        for t in s:
            if t.dep_ in SUBJECT_DEPS or (t.dep_ == "poss" and t.head.dep_ in SUBJECT_DEPS):
                a = anaphor_at(s.doc, t.i, cues)
                if a is not None:
                    out.append(a)
        return out

    missed_out, ante_out = [], []
    for item, doc_id, tables, annotated in gold_papers(folders):
        claims = extract_claims(doc_id, tables, annotated)
        preds = as_predicted(claims, item.claim_pages)
        score = score_claims(preds, item.claims)
        missed = {(g.subject, g.relation, g.object) for g in score.missed}
        by_sentence = collections.defaultdict(list)
        for c in claims:
            for e in c.evidence[:1]:
                if e.source == "text":
                    by_sentence[e.text.strip()].append(c)
        sents = [(p, s) for p, d in annotated.docs if _is_claim_prose(p, cues) for s in d.sents]
        title = " ".join(annotated.docs[0][1].text.split()[:40]) if annotated.docs else ""
        title_file = item.pdf.with_suffix("").with_name(item.pdf.stem + ".title.txt")
        if title_file.exists():
            title = title_file.read_text()
        matchers = matchers_for(annotated.docs[0][1].vocab, cues, AliasDocMaker(nlp, annotated.docs[0][1]))
        subjects = paper_subjects(annotated.docs, nlp, cues, lambda span: _names_method(span, matchers))  # noqa: B023
        presented = subjects.presented_method()
        # locate gold text lines
        located = {}
        for gi, g in enumerate(item.claims):
            if g.source != "text":
                continue
            ow = content_words(g.object)
            if not ow:
                continue
            best, bi = 0.0, -1
            for i, (p, s) in enumerate(sents):  # noqa: B007
                r = len(ow & content_words(s.text)) / len(ow)
                if r > best:
                    best, bi = r, i
            if best >= 0.6:
                located[gi] = bi
        outside = {}
        for gi, bi in located.items():
            g = item.claims[gi]
            s = sents[bi][1]
            sw = content_words(g.subject)
            inside = subject_score(g.subject, s.text) >= 1.0 or len(sw & content_words(s.text)) / max(1, len(sw)) >= 0.5
            outside[gi] = not inside
        # missed lines
        for gi, g in enumerate(item.claims):
            if g.source != "text" or not g.required or (g.subject, g.relation, g.object) not in missed:
                continue
            rec = dict(paper=item.stem, gold=[g.subject, g.relation, g.object])
            if gi not in located:
                rec["located"] = False
                missed_out.append(rec)
                continue
            p, s = sents[located[gi]]
            said = by_sentence.get(s.text.strip(), [])
            rec.update(
                located=True,
                sentence=s.text,
                section=p.section_path,
                outside=outside[gi],
                said=[(c.subject, c.relation, c.object) for c in said][:6],
                same_object=[
                    (c.subject, c.relation, c.object)
                    for c in said
                    if c.relation == g.relation and word_f1(g.object, c.object) >= 0.5
                ][:3],
            )
            anas = subject_anaphors(s)
            subj_tokens = [t for t in s if t.dep_ in SUBJECT_DEPS]
            selfref = [
                t for t in subj_tokens if self_reference_head(" ".join(x.text for x in t.subtree), words) is not None
            ]
            kind = "other-subject"
            if anas and not anas[0].head:
                kind = "pronoun"
            elif anas:
                kind = "anaphoric-NP"
            elif selfref:
                kind = "self-reference"
            elif not subj_tokens:
                kind = "no-subject"
            elif all(
                t.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in t.head.children) for t in subj_tokens
            ):
                kind = "agentless-passive"
            rec["kind"] = kind
            gs = g.subject
            where = []
            if subject_score(gs, p.section_path) >= 0.5 or (
                content_words(gs)
                and len(content_words(gs) & content_words(p.section_path)) / len(content_words(gs)) >= 0.5
            ):
                where.append("heading")
            if content_words(gs) and len(content_words(gs) & content_words(title)) / len(content_words(gs)) >= 0.5:
                where.append("title")
            if presented and subject_score(gs, presented) >= 0.5:
                where.append("presented")
            prev = [
                t.text for p2, t in sents[max(0, located[gi] - 3) : located[gi]] if p2.section_path == p.section_path
            ]
            if any(len(content_words(gs) & content_words(x)) / max(1, len(content_words(gs))) >= 0.5 for x in prev):
                where.append("prev3")
            rec["where"] = where
            rec["subjects"] = [" ".join(x.text for x in t.subtree)[:60] for t in subj_tokens]
            missed_out.append(rec)
        # antecedent dataset (all located outside lines, missed or found)
        targets = collections.defaultdict(set)
        for gi, bi in located.items():
            if outside[gi]:
                targets[bi].add(item.claims[gi].subject)
        model, section = None, None
        mentions = {}
        for p, d in annotated.docs:
            if _is_claim_prose(p, cues):
                ms = _find_mentions(d, matchers, cues)
                for s in d.sents:
                    mentions[(id(d), s.start)] = [m for m in ms if s.start <= m.start < s.end]
        for i, (p, s) in enumerate(sents):
            if p.section_path != section:
                section = p.section_path
                heading = subjects.headings.get(section, "")
                model = AntecedentModel(cues, heading)
            if i in targets:
                anas = subject_anaphors(s)
                if anas:
                    a = anas[0]
                    reach = model.reaches_back(a, s)
                    cands = []
                    for c in model.candidates:
                        label = any(subject_score(g, c.text) >= 0.5 for g in targets[i])
                        cands.append(dict(text=c.text, label=label, f=features(model, c, a), score=model.score(c, a)))
                    ante_out.append(
                        dict(
                            paper=item.stem,
                            sentence=s.text,
                            anaphor=a.token.text,
                            head=a.head,
                            plural=a.plural,
                            reaches=reach,
                            gold=sorted(targets[i]),
                            resolved=model.resolve(a) if reach else "",
                            cands=cands,
                        )
                    )
            model.observe(s, mentions.get((id(s.doc), s.start), []), p.passage_id)
        print(item.stem, len(missed_out), len(ante_out), flush=True)

    json.dump(missed_out, open(OUT / "missed.json", "w"), indent=1)
    json.dump(ante_out, open(OUT / "antecedents.json", "w"), indent=1)
if MODE == "summary":
    import collections
    import json

    m = json.load(open(OUT / "missed.json"))
    print("missed required text lines", len(m), "located", sum(r["located"] for r in m))
    loc = [r for r in m if r["located"]]
    out = [r for r in loc if r["outside"]]
    print("subject outside sentence", len(out), "inside", len(loc) - len(out))

    def said(r):
        return "same-object" if r["same_object"] else ("other-claim" if r["said"] else "silent")

    for name, rs in (("OUTSIDE", out), ("INSIDE", [r for r in loc if not r["outside"]])):
        print(name)
        c = collections.Counter((r["kind"], said(r)) for r in rs)
        kinds = collections.Counter(r["kind"] for r in rs)
        for k, n in kinds.most_common():
            print(
                f"  {k:18} {n:4}  silent {c[(k, 'silent')]:3}  other-claim {c[(k, 'other-claim')]:3}  same-object/wrong-subject {c[(k, 'same-object')]:3}"  # noqa: E501
            )
    w = collections.Counter()
    for r in out:
        w[",".join(r["where"]) or "elsewhere"] += 1
    print("where the gold subject lives (outside lines):", w.most_common())
    c2 = collections.Counter((r["kind"], (r["where"] or ["elsewhere"])[0]) for r in out)
    for k, n in sorted(c2.items(), key=lambda x: -x[1]):
        print("  ", k, n)
if MODE == "fit":
    import json
    import sys

    import numpy as np
    from scipy.optimize import minimize

    data = json.load(open(OUT / "antecedents.json"))
    data = [d for d in data if d["reaches"]]
    NAMES = [
        "role_subject",
        "role_object",
        "role_oblique",
        "role_heading",
        "kind_lexicon",
        "kind_entity",
        "kind_phrase",
        "kind_noun",
        "distance",
        "repeated",
        "other_paragraph",
        "pronoun_to_object",
        "number_mismatch",
        "same_head",
        "class_head",
        "head_mismatch",
    ]
    L2 = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1

    def rows(d):
        cs = [c for c in d["cands"] if not c["f"].get("too_far")]
        X = np.array([[c["f"].get(n, 0.0) for n in NAMES] for c in cs]).reshape(len(cs), len(NAMES))
        y = np.array([c["label"] for c in cs], dtype=bool)
        return X, y, cs

    def fit(train):
        items = [rows(d) for d in train]
        items = [(X, y) for X, y, _ in items if y.any() and len(y) > 1]

        def loss(w):
            total, grad = L2 * w @ w, 2 * L2 * w
            for X, y in items:
                s = X @ w
                m = s.max()
                p = np.exp(s - m)
                p /= p.sum()
                pos = p[y].sum()
                total -= np.log(pos + 1e-12)
                # d(-log sum_pos p)/dw = E_p[x] - E_{p|pos}[x]
                grad += p @ X - (p[y] / pos) @ X[y]
            return total, grad

        return minimize(loss, np.zeros(len(NAMES)), jac=True, method="L-BFGS-B").x

    def decide(d, w, threshold, margin):
        X, y, cs = rows(d)
        if not len(cs):
            return None
        s = X @ w
        order = np.argsort(-s, kind="stable")
        if s[order[0]] < threshold:
            return None
        if len(cs) > 1 and s[order[0]] - s[order[1]] < margin:
            return None
        return bool(y[order[0]])

    def tally(ds, w, threshold, margin):
        right = wrong = 0
        for d in ds:
            r = decide(d, w, threshold, margin)
            if r is True:
                right += 1
            elif r is False:
                wrong += 1
        return right, wrong

    def choose(ds, w):
        best = None
        for t in np.arange(-4, 8.01, 0.25):
            for m in (0.0, 0.25, 0.5, 1.0):
                r, wr = tally(ds, w, t, m)
                key = (r - 2 * wr, r)  # a wrong antecedent costs a false claim and a missed one
                if best is None or key > best[0]:
                    best = (key, t, m)
        return best[1], best[2]

    # hand-set weights as a vector
    H = json.load(open("models/claims/discourse.json"))["antecedents"]
    hand = np.array(
        [
            H["role"]["subject"],
            H["role"]["object"],
            H["role"]["oblique"],
            H["role"]["heading"],
            H["kind"]["lexicon"],
            H["kind"]["entity"],
            H["kind"]["phrase"],
            H["kind"]["noun"],
            -H["distance"],
            H["repeated"],
            -H["other_paragraph"],
            -H["pronoun_to_object"],
            -H["number_mismatch"],
            H["same_head"],
            H["class_head"],
            -H["head_mismatch"],
        ]
    )
    r, wr = tally(data, hand, H["threshold"], H["margin"])
    print(f"hand-set: answers {r + wr}/{len(data)} right {r} wrong {wr}")

    K = len(NAMES) + 1  # last weight: the abstain alternative's score

    def items_of(ds):
        out = []
        for d in ds:
            X, y, cs = rows(d)
            Xn = np.zeros((len(cs) + 1, K))
            Xn[: len(cs), : len(NAMES)] = X
            Xn[len(cs), -1] = 1.0
            yn = np.append(y, not y.any())
            out.append((Xn, yn))
        return out

    def fit(ds):  # noqa: F811
        items = items_of(ds)

        def loss(w):
            total, grad = L2 * w[:-1] @ w[:-1], np.append(2 * L2 * w[:-1], 0.0)
            for X, y in items:
                s = X @ w
                p = np.exp(s - s.max())
                p /= p.sum()
                pos = p[y].sum()
                total -= np.log(pos + 1e-12)
                grad += p @ X - (p[y] / pos) @ X[y]
            return total, grad

        return minimize(loss, np.zeros(K), jac=True, method="L-BFGS-B").x

    def tally_logit(ds, w):
        right = wrong = 0
        for X, y in items_of(ds):
            k = int(np.argmax(X @ w))
            if k == len(y) - 1:
                continue
            right += bool(y[k])
            wrong += not y[k]
        return right, wrong

    papers = sorted({d["paper"] for d in data})
    R = W = 0
    for paper in papers:
        w = fit([d for d in data if d["paper"] != paper])
        r, wr = tally_logit([d for d in data if d["paper"] == paper], w)
        R += r
        W += wr
    print(f"L2={L2} LOPO: answers {R + W}/{len(data)} right {R} wrong {W} abstain {len(data) - R - W}")
    w = fit(data)
    print(
        "  all-data:",
        {n: round(float(x), 2) for n, x in zip(NAMES + ["abstain"], w)},  # noqa: B905
        "in-sample",
        tally_logit(data, w),
    )
