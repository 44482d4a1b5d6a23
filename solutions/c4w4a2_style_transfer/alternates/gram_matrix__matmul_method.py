# Correct: A @ A.transpose().
def gram_matrix(A):
    return A @ A.transpose()
