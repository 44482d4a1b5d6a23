"""Every primitive of utils.nn.ops gradient-checked in float64 against centred differences
(utils.gradcheck), on odd shapes with broadcasting; plus the autograd machinery itself."""
import numpy as np
import pytest

from utils import nn
from utils.gradcheck import numerical_gradient, relative_error
from utils.nn import ops
from utils.nn.tensor import Tensor, unbroadcast

F64 = np.float64


def grad_check(fn, *arrays, tol=1e-6, seed=0):
    """Check d sum(fn(*tensors) * R) / d input for every input against finite differences."""
    tensors = [Tensor(a, requires_grad=True, dtype=F64) for a in arrays]
    out = fn(*tensors)
    weights = np.random.default_rng(seed).normal(size=out.shape)  # a random projection
    (out * weights).sum().backward()
    for i, (t, a) in enumerate(zip(tensors, arrays)):
        def f():
            with nn.no_grad():
                return float((fn(*[Tensor(b, dtype=F64) for b in arrays]).data * weights).sum())
        num = numerical_gradient(f, a)
        err = relative_error(num, t.grad)
        assert err < tol, f"input {i}: relative error {err:.2e}"


@pytest.fixture
def rng():
    return np.random.default_rng(7)


@pytest.mark.parametrize("op", [ops.add, ops.sub, ops.mul, ops.div, ops.maximum])
@pytest.mark.parametrize("shapes", [((3, 5), (3, 5)), ((3, 5), (5,)), ((4, 1, 3), (2, 1)),
                                    ((1,), (2, 3))])
def test_binary_broadcasting(op, shapes, rng):
    a = rng.normal(size=shapes[0])
    b = rng.normal(size=shapes[1])
    if op is ops.div:
        b = np.sign(b) * (np.abs(b) + 0.5)
    grad_check(op, a, b)


@pytest.mark.parametrize("fn", [ops.neg, ops.exp, ops.tanh, ops.sigmoid,
                                lambda x: ops.leaky_relu(x, 0.1), lambda x: ops.pow(x, 3),
                                lambda x: ops.softmax(x, axis=0), ops.softmax, ops.log_softmax,
                                lambda x: ops.clip(x, -0.5, 0.5)])
def test_elementwise(fn, rng):
    x = rng.normal(size=(3, 4, 5))
    x[np.abs(x) < 0.05] = 0.3          # keep away from kinks
    x[np.abs(np.abs(x) - 0.5) < 0.05] = 0.2
    grad_check(fn, x)


def test_relu_log_sqrt(rng):
    x = rng.normal(size=(5, 3))
    x[np.abs(x) < 0.05] = 0.3
    grad_check(ops.relu, x)
    p = rng.uniform(0.5, 2, size=(4, 3))
    grad_check(ops.log, p)
    grad_check(ops.sqrt, p)


@pytest.mark.parametrize("shapes", [((3, 4), (4, 5)), ((2, 3, 4), (4, 5)), ((2, 3, 4), (2, 4, 1)),
                                    ((3, 4), (2, 4, 2))])
def test_matmul(shapes, rng):
    grad_check(ops.matmul, rng.normal(size=shapes[0]), rng.normal(size=shapes[1]))


@pytest.mark.parametrize("xshape", [(7, 3), (2, 5, 3)])
def test_linear(xshape, rng):
    grad_check(ops.linear, rng.normal(size=xshape), rng.normal(size=(3, 4)), rng.normal(size=4))
    grad_check(lambda x, W: ops.linear(x, W), rng.normal(size=xshape), rng.normal(size=(3, 2)))


def test_matmul_skips_unneeded_gradient(rng):
    x = Tensor(rng.normal(size=(3, 4)))
    W = Tensor(rng.normal(size=(4, 2)), requires_grad=True)
    ops.matmul(x, W).sum().backward()
    assert x.grad is None and W.grad.shape == (4, 2)


@pytest.mark.parametrize("axis,keepdims", [(None, False), (0, False), (1, True), ((0, 2), False),
                                           (-1, True)])
def test_reductions(axis, keepdims, rng):
    x = rng.normal(size=(3, 4, 5))
    grad_check(lambda t: ops.sum(t, axis, keepdims), x)
    grad_check(lambda t: ops.mean(t, axis, keepdims), x)


def test_shape_ops(rng):
    x = rng.normal(size=(2, 3, 4))
    grad_check(lambda t: ops.reshape(t, (6, -1)), x)
    grad_check(lambda t: ops.transpose(t, (2, 0, 1)), x)
    grad_check(lambda t: t.T, x)
    grad_check(lambda t: t[:, 1:, ::2], x)
    grad_check(lambda t: t[np.array([0, 1, 0, 1])], x)          # repeated rows add up
    grad_check(lambda t: t[1], x)
    grad_check(lambda t: t[..., None, 2], x)
    grad_check(lambda t: t[x > 0], x)                            # a boolean mask
    grad_check(lambda a, b: ops.concatenate([a, b], axis=1), x, rng.normal(size=(2, 2, 4)))
    grad_check(lambda a, b: ops.stack([a, b], axis=-1), x, rng.normal(size=(2, 3, 4)))


def test_where(rng):
    a, b = rng.normal(size=(3, 4)), rng.normal(size=(4,))
    cond = rng.random((3, 4)) < 0.5
    grad_check(lambda x, y: ops.where(cond, x, y), a, b)


def test_dropout(rng):
    x = rng.normal(size=(50, 40))
    t = Tensor(x, requires_grad=True, dtype=F64)
    out = ops.dropout(t, 0.25, np.random.default_rng(0))
    kept = out.data != 0
    assert 0.65 < kept.mean() < 0.85
    np.testing.assert_allclose(out.data[kept], x[kept] / 0.75)
    out.sum().backward()
    np.testing.assert_allclose(t.grad, kept / 0.75)


def test_softmax_cross_entropy(rng):
    logits = rng.normal(size=(6, 4)) * 3
    labels = rng.integers(0, 4, size=6)
    onehot = np.eye(4)[labels]
    grad_check(lambda z: ops.softmax_cross_entropy(z, onehot), logits)
    grad_check(lambda z: ops.softmax_cross_entropy(z, labels, sparse=True), logits)
    soft = rng.dirichlet(np.ones(4), size=6)
    grad_check(lambda z: ops.softmax_cross_entropy(z, soft), logits)
    # classes on axis 0 (the course's (C, m) layout)
    grad_check(lambda z: ops.softmax_cross_entropy(z, onehot.T, axis=0), logits.T)
    grad_check(lambda z: ops.softmax_cross_entropy(z, labels, sparse=True, axis=0), logits.T)
    # the same numbers as the unfused formula
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    loss = ops.softmax_cross_entropy(Tensor(logits, dtype=F64), onehot).data
    np.testing.assert_allclose(loss, -(onehot * np.log(p)).sum(1))
    # no overflow for large logits
    big = ops.softmax_cross_entropy(Tensor([[1000.0, 0.0]], dtype=F64), [[0.0, 1.0]])
    assert np.isfinite(big.data).all() and abs(big.item() - 1000) < 1e-9


def test_sigmoid_binary_cross_entropy(rng):
    z = rng.normal(size=(5, 3)) * 3
    y = (rng.random((5, 3)) < 0.5).astype(float)
    grad_check(lambda t: ops.sigmoid_binary_cross_entropy(t, y), z)
    s = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(ops.sigmoid_binary_cross_entropy(Tensor(z, dtype=F64), y).data,
                               -(y * np.log(s) + (1 - y) * np.log(1 - s)))
    big = ops.sigmoid_binary_cross_entropy(Tensor([800.0, -800.0], dtype=F64), [0.0, 1.0])
    np.testing.assert_allclose(big.data, [800, 800])


@pytest.mark.parametrize("shape,axis", [((7, 3), -1), ((4, 3, 5, 2), -1), ((4, 3, 5), 1)])
def test_batch_norm(shape, axis, rng):
    x = rng.normal(size=shape) * 2 + 1
    C = shape[axis]
    g, b = rng.normal(size=C), rng.normal(size=C)
    grad_check(lambda x, g, b: ops.batch_norm(x, g, b, axis=axis), x, g, b)
    mm, mv = rng.normal(size=C), rng.uniform(0.5, 2, size=C)
    grad_check(lambda x, g, b: ops.batch_norm(x, g, b, axis=axis, training=False,
                                              moving_mean=mm, moving_var=mv), x, g, b)
    # matches the textbook formula, and moves the running averages
    mm0, mv0 = mm.copy(), mv.copy()
    out = ops.batch_norm(Tensor(x, dtype=F64), g, b, axis=axis, eps=1e-5, moving_mean=mm,
                         moving_var=mv, momentum=0.9).data
    red = tuple(i for i in range(len(shape)) if i != axis % len(shape))
    shp = [1] * len(shape)
    shp[axis] = C
    mu, var = x.mean(red, keepdims=True), x.var(red, keepdims=True)
    expected = (x - mu) / np.sqrt(var + 1e-5) * g.reshape(shp) + b.reshape(shp)
    np.testing.assert_allclose(out, expected)
    np.testing.assert_allclose(mm, 0.9 * mm0 + 0.1 * mu.ravel())
    np.testing.assert_allclose(mv, 0.9 * mv0 + 0.1 * var.ravel())


def test_layer_norm(rng):
    x = rng.normal(size=(3, 4, 6))
    grad_check(ops.layer_norm, x, rng.normal(size=6), rng.normal(size=6))


def test_unbroadcast():
    g = np.ones((2, 3, 4))
    assert unbroadcast(g, (3, 1)).shape == (3, 1) and unbroadcast(g, (3, 1))[0, 0] == 8
    assert unbroadcast(g, ()).shape == () and unbroadcast(g, ()) == 24


def test_autograd_graph():
    # a diamond: x used twice; gradients add up
    x = Tensor([2.0, 3.0], requires_grad=True, dtype=F64)
    y = x * x + 3 * x
    y.sum().backward()
    np.testing.assert_allclose(x.grad, 2 * x.data + 3)
    # repeated backward accumulates on leaves; zero_grad resets
    (x * 2).sum().backward()
    np.testing.assert_allclose(x.grad, 2 * x.data + 5)
    x.zero_grad()
    assert x.grad is None
    # a long chain has no recursion limit
    z = Tensor(1.0, requires_grad=True, dtype=F64)
    w = z
    for _ in range(5000):
        w = w * 1.0001
    w.backward()
    assert abs(z.grad - 1.0001 ** 5000) < 1e-9
    # no_grad records nothing
    with nn.no_grad():
        assert not (x * 2).requires_grad
    # retain_grad keeps an intermediate gradient
    h = (x * 3).retain_grad()
    (h * h).sum().backward()
    np.testing.assert_allclose(h.grad, 2 * h.data)


def test_dtypes_and_scalars():
    x = Tensor([1.0, 2.0])
    assert x.dtype == np.float32
    assert (x + 1.5).dtype == np.float32 and (2 * x).dtype == np.float32
    assert (1 - x).dtype == np.float32 and (x / 3).dtype == np.float32
    assert Tensor([1.0], dtype=F64).dtype == F64
    nn.set_default_dtype(F64)
    try:
        assert Tensor([1.0]).dtype == F64
    finally:
        nn.set_default_dtype(np.float32)
    with pytest.raises(RuntimeError, match="one-entry"):
        Tensor([1.0, 2.0], requires_grad=True).backward()


def test_gradient_with_respect_to_an_input():
    W = Tensor(np.eye(3) * 2, requires_grad=True, dtype=F64)
    img = Tensor(np.ones((1, 3)), requires_grad=True, dtype=F64)
    (img @ W).sum().backward()
    np.testing.assert_allclose(img.grad, [[2, 2, 2]])


def test_numpy_functions_on_tensors():
    t = Tensor([1.0, 2.0], requires_grad=True, dtype=F64)
    for out in (np.ones(2) * t, np.float64(2) - t, np.ones((3, 2)) @ ops.reshape(t, (2, 1)),
                np.ones(2) / t, np.ones(2) + t):
        assert isinstance(out, Tensor) and out.requires_grad
    np.testing.assert_array_equal(np.ones(2) > t, [False, False])
    with pytest.raises(TypeError, match="np.maximum cannot differentiate a Tensor"):
        np.maximum(t, 0)
    with pytest.raises(TypeError, match="np.exp"):
        np.exp(t)
    assert np.argmax(t) == 1 and np.asarray(t).shape == (2,)


def test_leaf_gradients_are_own_writable_arrays():
    a = Tensor(np.ones((2, 3)), requires_grad=True)
    b = Tensor(np.ones((2, 3)), requires_grad=True)
    ops.mean(a + b).backward()                   # mean's backward broadcasts a view
    assert a.grad is not b.grad and a.grad.flags.writeable
    a.grad *= 2
    np.testing.assert_allclose(b.grad, 1 / 6)
