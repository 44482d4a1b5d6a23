"""The course's small deep-learning framework (a NumPy stand-in for Keras).

    from utils import nn
    nn.set_seed(1)
    model = nn.Sequential([nn.Input((784,)), nn.Dense(25, activation="relu"),
                           nn.Dense(6, activation="softmax")])
    model.compile(optimizer=nn.Adam(0.001), loss="categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x_train, y_train, epochs=10, batch_size=32)

Modules, one per concept: ``tensor`` (Tensor, autograd glue ``apply``), ``ops`` (primitive
forward/backward pairs), ``layers``, ``models``, ``optimizers``, ``losses``, ``initializers``;
``conv`` and ``conv_layers`` (convolution, pooling), ``recurrent``, ``rnn_layers`` and
``attention`` (sequences).
"""
from .tensor import (Tensor, apply, unbroadcast, no_grad, is_grad_enabled,  # noqa: F401
                     set_default_dtype, get_default_dtype)
from .initializers import set_seed, rng  # noqa: F401
from .losses import to_categorical  # noqa: F401
from . import ops, initializers  # noqa: F401
from .layers import *  # noqa: F401,F403
from .layers import clear_session  # noqa: F401
from . import optimizers, losses  # noqa: F401,E402
from .optimizers import SGD, RMSprop, Adam  # noqa: F401,E402
from .models import Model, Sequential, History, recalibrate_batch_norm  # noqa: F401,E402

# --- convolution and pooling (branch nn-conv): primitives in utils.nn.conv, layers here -----
from . import conv  # noqa: F401,E402
from .conv_layers import *  # noqa: F401,F403,E402

# --- sequences (branch nn-seq): primitives in utils.nn.recurrent, layers here -----------------
# (importing recurrent also keeps freed memory in the process: see recurrent.keep_freed_memory)
from . import recurrent  # noqa: F401,E402
from .rnn_layers import *  # noqa: F401,F403,E402
from .attention import *  # noqa: F401,F403,E402

# --- more augmentation (branch c4w2a1) -----------------------------------------------------------
from .augmentation import RandomTranslation  # noqa: F401,E402

# --- token layers for generating models (branch i20-music, c5w1a3) ---------------------------------
from .tokens import *  # noqa: F401,F403,E402
