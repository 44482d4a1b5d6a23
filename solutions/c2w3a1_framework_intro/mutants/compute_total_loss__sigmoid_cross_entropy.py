# Mistake: uses the binary (sigmoid) cross-entropy of each output unit instead of the softmax one.
def compute_total_loss(logits, labels):
    total_loss = nn.ops.sum(nn.ops.sigmoid_binary_cross_entropy(logits, labels))
    return total_loss
