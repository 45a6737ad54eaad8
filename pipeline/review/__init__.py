"""The curator review app (`reviewminer review OUT`): see each claim on its page, accept / reject / edit it."""

from pipeline.review.app import create_app, serve_review

__all__ = ["create_app", "serve_review"]
