# Correct: a for loop over the six draws and the clip padded to the background's length.
def insert_audio_clip(background, audio_clip, previous_segments):
    segment_ms = clip_ms(audio_clip)
    for attempt in range(6):
        segment_time = get_random_time_segment(segment_ms)
        if not is_overlapping(segment_time, previous_segments):
            start = 16 * segment_time[0]
            placed = np.pad(audio_clip, (start, len(background) - start - len(audio_clip)))
            return background + placed, segment_time
    return np.array(background), (5000, 5000)
