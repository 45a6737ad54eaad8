"""Orchestration: runs over a corpus with Prefect.

Planning and finishing a run under the output lock (`runs`), the Prefect flow that maps the document tasks
(`flow`), the preloaded process pool its workers come from (`pool`, `preload`), and Prefect's local environment and
private server (`prefect_env`).

May import: `extract`, `outputs` and the top-level modules. Never `review`.
"""
