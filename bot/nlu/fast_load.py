"""Load the trained TensorFlow classifiers without tracing a training graph for each of them.

Rasa 3.6 rebuilds every DIET/ResponseSelector model at load time by running one `fit` step on one
example (to create the weights and the optimizer slots), then reads the saved weights over them. That
step compiles a `tf.function` training graph: about 8 s per model on 2 cores, so ~80 s of the ~100 s
it took this bot's ten models to load, at every server start, `rasa test`, and test fixture. Running
that single step eagerly builds the same variables in well under a second; the saved weights are then
loaded exactly as before and prediction still runs as a traced `tf.function` (the model's own
`run_eagerly` setting is restored before the first prediction).

Applied on import by `bot.nlu.components`, which every process that loads the model imports (the
model's graph names those components). Pinned to the Rasa version it was written against: on any
other version it does nothing and Rasa's own loader runs.
"""

from __future__ import annotations

import logging

import rasa
from rasa.utils.tensorflow import models

logger = logging.getLogger(__name__)

PATCHED_RASA_VERSION = "3.6.21"
_original_load = models.RasaModel.load.__func__


def _load_with_eager_build(
    cls, model_file_name, model_data_example, predict_data_example=None, finetune_mode=False, *args, **kwargs
):
    if finetune_mode:  # further training needs Rasa's own compiled model
        return _original_load(
            cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
        )
    import tensorflow as tf
    from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
    from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator

    config = kwargs.get("config", {})
    model = cls(*args, **kwargs)
    model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)), run_eagerly=True)
    model.fit(RasaBatchDataGenerator(model_data_example, batch_size=1), verbose=False)
    model.run_eagerly = bool(config.get(RUN_EAGERLY))
    model.load_weights(model_file_name)
    if predict_data_example:
        model.run_inference(predict_data_example)  # traces the prediction graph once, as Rasa does
    return model


def apply() -> bool:
    """Install the eager build step; True when it is in place."""
    if rasa.__version__ != PATCHED_RASA_VERSION:
        logger.info("Rasa %s: keeping its own model loader", rasa.__version__)
        return False
    if getattr(models.RasaModel.load, "__func__", None) is not _load_with_eager_build:
        models.RasaModel.load = classmethod(_load_with_eager_build)
    return True
