# Correct: a NumPy scalar for numbers.
def total_cost(J_content, J_style, alpha=10, beta=40):
    J = alpha * J_content + beta * J_style
    return np.float64(J) if isinstance(J, (int, float)) else J
