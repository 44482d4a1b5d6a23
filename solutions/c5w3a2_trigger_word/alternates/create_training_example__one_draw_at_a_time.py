# Correct: the indices drawn one at a time (the same draws as randint(n, size=k)), before the
# clips are inserted; -20 dB as a power of ten; the loudness matched by hand.
Ty = TY


def create_training_example(background, activates, negatives):
    background = np.asarray(background)[:N_SAMPLES] * 10 ** (-20 / 20)
    y = np.zeros((1, Ty))
    previous_segments = []
    n = np.random.randint(0, 5)
    chosen = [activates[np.random.randint(len(activates))] for _ in range(n)]
    for clip in chosen:
        background, segment_time = insert_audio_clip(background, clip, previous_segments)
        previous_segments = previous_segments + [segment_time]
        y = insert_ones(y, segment_time[1])
    n = np.random.randint(0, 3)
    chosen = [negatives[np.random.randint(len(negatives))] for _ in range(n)]
    for clip in chosen:
        background, segment_time = insert_audio_clip(background, clip, previous_segments)
        previous_segments = previous_segments + [segment_time]
    rms = np.sqrt(np.mean(background.astype(np.float64) ** 2))
    audio = (background * (10 ** (-20 / 20) / rms)).astype(np.float32)
    return spectrogram(audio), y, audio
