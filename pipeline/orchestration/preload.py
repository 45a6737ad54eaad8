"""Imported once by the forkserver of the worker pool (`pool.py`): what every task needs, loaded before the first
fork, so no worker imports or loads it again."""

import gc

import prefect.task_engine  # noqa: F401 - runs the tasks in the worker

import pipeline.orchestration.flow  # noqa: F401 - the task functions Prefect unpickles
from pipeline.extract.nlp import load_pipeline
from pipeline.extract.warm_up import warm_up
from pipeline.isolation import die_with_parent

die_with_parent()  # a killed run takes its forkserver with it, and the forkserver its workers

try:
    load_pipeline()  # cached per process: a forked worker's first document finds it loaded
    warm_up()  # and what the stages load on first use, which each document's own child would load again
except Exception:  # noqa: BLE001 - a pipeline that cannot load fails each document with the reason, as unforked
    pass

# Everything loaded so far lives as long as the worker: the garbage collector need not walk it in every full
# collection (reading a PDF triggers many), and by not touching it leaves its memory pages shared between forks.
gc.freeze()
