# Correct: squares with ** 2, the hinge with nn.ops.relu, all three distances in one stack.
def triplet_loss(y_true, y_pred, alpha=0.2):
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    pos_dist = nn.ops.sum((anchor - positive) ** 2, axis=1)
    neg_dist = nn.ops.sum(nn.ops.pow(anchor - negative, 2), axis=1)
    loss = nn.ops.sum(nn.ops.relu(alpha + pos_dist - neg_dist))
    return loss
