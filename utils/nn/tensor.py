"""Tensors and reverse-mode automatic differentiation for the course framework.

A :class:`Tensor` wraps a NumPy array (``.data``).  Every operation on tensors is a pair of plain
NumPy functions, written in the style of the course's own layers (Course 1, week 4)::

    def forward(*arrays, **kwargs):    # -> (out_array, cache)
    def backward(dout, cache):         # -> one gradient array per input (None where not needed)

and :func:`apply` glues such a pair into the graph: it runs ``forward`` on the inputs' arrays and
remembers ``backward`` and the cache on the output tensor.  ``loss.backward()`` then visits the
graph from the loss back to the inputs (a topological order, no recursion) and calls each
``backward`` once, with the gradient of the loss with respect to that operation's output.

Broadcasting is undone in one place, :func:`unbroadcast`: a backward function may return a
gradient of the broadcast shape and :func:`apply` sums it back to the input's shape.

    >>> x = Tensor([[1.0, 2.0]], requires_grad=True)
    >>> y = (x * x).sum()
    >>> y.backward()
    >>> x.grad                        # dy/dx = 2x
    array([[2., 4.]], dtype=float32)

Arrays are float32 by default (fast); ask for float64 with ``dtype=np.float64`` or
:func:`set_default_dtype` (gradient checks).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

import numpy as np

__all__ = ["Tensor", "apply", "unbroadcast", "no_grad", "is_grad_enabled",
           "set_default_dtype", "get_default_dtype", "as_tensor"]

_DEFAULT_DTYPE = np.dtype(np.float32)
_GRAD_ENABLED = True


def set_default_dtype(dtype) -> None:
    """Set the float dtype of new tensors and weights (``np.float32`` or ``np.float64``)."""
    global _DEFAULT_DTYPE
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise TypeError(f"the default dtype must be a float type, got {dtype}")
    _DEFAULT_DTYPE = dtype


def get_default_dtype() -> np.dtype:
    """The float dtype of new tensors and weights (float32 unless changed)."""
    return _DEFAULT_DTYPE


@contextmanager
def no_grad() -> Iterator[None]:
    """Inside ``with no_grad():`` operations record nothing (inference, weight updates)."""
    global _GRAD_ENABLED
    previous, _GRAD_ENABLED = _GRAD_ENABLED, False
    try:
        yield
    finally:
        _GRAD_ENABLED = previous


def is_grad_enabled() -> bool:
    """False inside ``no_grad()``."""
    return _GRAD_ENABLED


class Tensor:
    """An array that remembers how it was computed, so that gradients can flow back to it.

    Attributes:
    data          -- the NumPy array (float32 unless another float dtype was asked for)
    requires_grad -- whether ``backward()`` should compute a gradient for this tensor
    grad          -- after ``loss.backward()``: d loss / d self, an array of ``data``'s shape
                     (kept on leaf tensors, such as weights and inputs, and on tensors that
                     called ``retain_grad()``; gradients of repeated ``backward()`` calls add up)
    name          -- optional label (weights are named "dense/kernel", ...)
    """

    __slots__ = ("data", "grad", "requires_grad", "name", "_parents", "_backward", "_cache",
                 "_retain", "_logits", "_mask", "__weakref__")

    def __init__(self, data, requires_grad: bool = False, dtype=None, name: str | None = None):
        if isinstance(data, Tensor):
            data = data.data
        dtype = _DEFAULT_DTYPE if dtype is None else np.dtype(dtype)
        self.data = np.asarray(data, dtype=dtype)
        self.grad: np.ndarray | None = None
        self.requires_grad = bool(requires_grad)
        self.name = name
        self._parents: tuple = ()
        self._backward: Callable | None = None
        self._cache = None
        self._retain = False
        self._logits = None  # set by softmax/sigmoid: the tensor they were applied to
        self._mask = None    # (m, T) booleans a layer attached (Embedding(mask_zero=True)), or None

    @classmethod
    def _wrap(cls, array: np.ndarray) -> "Tensor":
        """A tensor around ``array`` as it is (no copy, no dtype change)."""
        t = cls.__new__(cls)
        t.data, t.grad, t.requires_grad, t.name = array, None, False, None
        t._parents, t._backward, t._cache, t._retain, t._logits = (), None, None, False, None
        t._mask = None
        return t

    # ---------------------------------------------------------------- array-like properties
    shape = property(lambda self: self.data.shape, doc="shape of the array")
    ndim = property(lambda self: self.data.ndim, doc="number of axes")
    size = property(lambda self: self.data.size, doc="number of entries")
    dtype = property(lambda self: self.data.dtype, doc="NumPy dtype")

    def numpy(self) -> np.ndarray:
        """The array itself (not a copy)."""
        return self.data

    def item(self) -> float:
        """The value of a one-entry tensor as a Python number."""
        return self.data.item()

    def __array__(self, dtype=None, copy=None):
        return self.data if dtype is None else self.data.astype(dtype)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """NumPy functions on tensors: ``array * tensor`` and friends go to ``utils.nn.ops``
        (so they stay differentiable), comparisons give masks, anything else (np.exp(t),
        np.maximum(t, 0)) is an error rather than a silent exit from the graph."""
        if method == "__call__" and not kwargs:
            if ufunc in _COMPARISONS:
                return ufunc(*(_array(x) for x in inputs))
            if ufunc in _ARITHMETIC:
                return getattr(_ops(), _ARITHMETIC[ufunc])(*inputs)
        name = getattr(ufunc, "__name__", str(ufunc))
        raise TypeError(f"np.{name} cannot differentiate a Tensor: use the framework's "
                        f"operation (utils.nn.ops: exp, log, tanh, relu, maximum, sqrt, sum, "
                        f"...), or call .numpy() to leave the graph on purpose")

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        body = np.array2string(self.data, precision=4, threshold=20, edgeitems=3,
                               prefix="Tensor(")
        extra = ", requires_grad=True" if self.requires_grad else ""
        return f"Tensor({body}, dtype={self.data.dtype}{extra})"

    # ----------------------------------------------------------------------- autograd
    @property
    def parents(self) -> tuple:
        """The input tensors of the operation that made this tensor (empty for a leaf)."""
        return self._parents

    @property
    def grad_fn(self):
        """The backward function of the operation that made this tensor (None for a leaf)."""
        return self._backward

    def detach(self) -> "Tensor":
        """The same array, cut off from the graph."""
        return Tensor._wrap(self.data)

    def retain_grad(self) -> "Tensor":
        """Keep ``.grad`` on this intermediate tensor after ``backward()``."""
        self._retain = True
        return self

    def zero_grad(self) -> None:
        """Forget the gradient (``.grad = None``)."""
        self.grad = None

    def backward(self, grad=None) -> None:
        """Compute d self / d t for every tensor t that this tensor depends on and requires grad.

        ``grad`` is d loss / d self; leave it out for a one-entry tensor (it is then 1).
        Gradients are stored in ``.grad`` of leaves (and of tensors that called
        ``retain_grad()``); repeated calls add up, call ``zero_grad()`` in between.
        """
        if not self.requires_grad:
            raise RuntimeError("backward(): this tensor does not depend on any tensor with "
                               "requires_grad=True, so there is nothing to differentiate")
        if grad is None:
            if self.data.size != 1:
                raise RuntimeError(f"backward() without an argument needs a one-entry tensor "
                                   f"(a loss); this one has shape {self.shape}. Pass the "
                                   f"gradient of shape {self.shape} or reduce with .sum() first")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=self.data.dtype)
        if grad.shape != self.shape:
            raise ValueError(f"backward(): gradient of shape {grad.shape} for a tensor of "
                             f"shape {self.shape}")

        grads = {id(self): grad}
        for node in reversed(_topological_order(self)):
            g = grads.pop(id(node), None)
            if g is None:
                continue
            if node._backward is None or node._retain:
                # a copy: g may be a read-only broadcast view or shared with another input
                node.grad = g.copy() if node.grad is None else node.grad + g
            if node._backward is None:
                continue
            parent_grads = node._backward(g, node._cache)
            if not isinstance(parent_grads, tuple):
                parent_grads = (parent_grads,)
            for parent, pg in zip(node._parents, parent_grads):
                if pg is None or not parent.requires_grad:
                    continue
                pg = unbroadcast(pg, parent.shape)
                if pg.dtype != parent.data.dtype:
                    pg = pg.astype(parent.data.dtype)
                key = id(parent)
                grads[key] = pg if key not in grads else grads[key] + pg

    # ------------------------------------------------- operators (defined in utils.nn.ops)
    def __add__(self, other): return _ops().add(self, other)
    def __radd__(self, other): return _ops().add(other, self)
    def __sub__(self, other): return _ops().sub(self, other)
    def __rsub__(self, other): return _ops().sub(other, self)
    def __mul__(self, other): return _ops().mul(self, other)
    def __rmul__(self, other): return _ops().mul(other, self)
    def __truediv__(self, other): return _ops().div(self, other)
    def __rtruediv__(self, other): return _ops().div(other, self)
    def __neg__(self): return _ops().neg(self)
    def __pow__(self, p): return _ops().pow(self, p)
    def __matmul__(self, other): return _ops().matmul(self, other)
    def __rmatmul__(self, other): return _ops().matmul(other, self)
    def __getitem__(self, index): return _ops().getitem(self, index)

    # comparisons give plain boolean arrays (masks), which are not differentiated
    def __gt__(self, other): return self.data > _array(other)
    def __ge__(self, other): return self.data >= _array(other)
    def __lt__(self, other): return self.data < _array(other)
    def __le__(self, other): return self.data <= _array(other)

    def sum(self, axis=None, keepdims=False): return _ops().sum(self, axis, keepdims)
    def mean(self, axis=None, keepdims=False): return _ops().mean(self, axis, keepdims)
    def reshape(self, *shape): return _ops().reshape(self, *shape)
    def transpose(self, *axes): return _ops().transpose(self, *axes)
    T = property(lambda self: _ops().transpose(self))
    def exp(self): return _ops().exp(self)
    def log(self): return _ops().log(self)
    def tanh(self): return _ops().tanh(self)
    def sigmoid(self): return _ops().sigmoid(self)
    def relu(self): return _ops().relu(self)


_ARITHMETIC = {np.add: "add", np.subtract: "sub", np.multiply: "mul", np.true_divide: "div",
               np.matmul: "matmul", np.negative: "neg"}
_COMPARISONS = (np.greater, np.greater_equal, np.less, np.less_equal)


def _array(x):
    return x.data if isinstance(x, Tensor) else x


def _ops():
    from . import ops  # ops imports this module, so import it when first needed
    return ops


def _topological_order(root: Tensor) -> list[Tensor]:
    """Tensors that ``root`` depends on (and that require grad), parents before children.

    An explicit stack instead of recursion, so that long graphs (RNNs over many time steps)
    never hit Python's recursion limit.
    """
    order, visited = [], set()
    stack = [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
            continue
        if id(node) in visited:
            continue
        visited.add(id(node))
        stack.append((node, True))
        for parent in node._parents:
            if parent.requires_grad and id(parent) not in visited:
                stack.append((parent, False))
    return order


def unbroadcast(grad: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum ``grad`` back to ``shape``: the backward pass of NumPy broadcasting.

    If ``x`` of shape (1, 4) was broadcast to (3, 4), every row of the output used the same
    x, so dL/dx is the sum of the rows of dL/dout.  Leading axes that broadcasting added are
    summed away; axes where ``shape`` has a 1 are summed with ``keepdims``.
    """
    if grad.shape == tuple(shape):
        return grad
    extra = grad.ndim - len(shape)
    if extra > 0:
        grad = grad.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if axes:
        grad = grad.sum(axis=axes, keepdims=True)
    return grad.reshape(shape)


def as_tensor(x, like: Tensor | None = None) -> Tensor:
    """``x`` if it is a tensor, else a constant tensor (with ``like``'s dtype if given)."""
    if isinstance(x, Tensor):
        return x
    if like is not None:
        return Tensor._wrap(np.asarray(x, dtype=like.data.dtype))
    return Tensor(x)


def apply(forward: Callable, backward: Callable, *inputs, **kwargs) -> Tensor:
    """Run one operation and record it in the graph.

    Arguments:
    forward  -- ``forward(*arrays, **kwargs) -> (out_array, cache)``
    backward -- ``backward(dout, cache) -> tuple of gradients``, one per input, each of the
                input's shape or broadcastable to it (None for inputs that need none)
    inputs   -- tensors (anything else becomes a constant tensor of the first tensor's dtype)
    kwargs   -- passed to ``forward`` unchanged (axes, flags, integer labels...)

    Returns:
    out -- a tensor wrapping ``out_array``; it requires grad if any input does (and grad
           recording is on), and then keeps ``backward`` and ``cache`` for ``out.backward()``.
    """
    like = next((x for x in inputs if isinstance(x, Tensor)), None)
    tensors = tuple(as_tensor(x, like) for x in inputs)
    out_array, cache = forward(*(t.data for t in tensors), **kwargs)
    out = Tensor._wrap(out_array)
    if _GRAD_ENABLED and any(t.requires_grad for t in tensors):
        out.requires_grad = True
        out._parents = tensors
        out._backward = backward
        out._cache = cache
    return out
