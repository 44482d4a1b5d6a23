# Correct: move the channels first with transpose, then flatten.
def compute_layer_style_cost(a_S, a_G):
    m, n_H, n_W, n_C = a_G.shape
    A_S = a_S.transpose(3, 1, 2, 0).reshape(n_C, n_H * n_W)
    A_G = a_G.transpose(3, 1, 2, 0).reshape(n_C, n_H * n_W)
    D = gram_matrix(A_S) - gram_matrix(A_G)
    return (D * D).sum() / (4.0 * n_C * n_C * n_H * n_H * n_W * n_W)
