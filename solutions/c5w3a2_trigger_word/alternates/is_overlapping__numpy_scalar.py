# Correct: vectorised with NumPy over the previous segments; returns a numpy.bool_.
def is_overlapping(segment_time, previous_segments):
    segment_start, segment_end = segment_time
    if len(previous_segments) == 0:
        return np.bool_(False)
    previous = np.array(previous_segments).reshape(-1, 2)
    return np.any((segment_start <= previous[:, 1]) & (segment_end >= previous[:, 0]))
