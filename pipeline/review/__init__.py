"""Review: the curator web app (`reviewminer review OUT`): see each claim on its page, accept / reject / edit it.

May import: `outputs` (the decisions store and the datasets it reads) and the top-level modules. Never `extract` or
`orchestration`.
"""

from pipeline.review.app import create_app, serve_review

__all__ = ["create_app", "serve_review"]
