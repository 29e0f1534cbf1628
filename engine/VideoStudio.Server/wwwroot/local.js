// The free half of the studio: tiles for the task kinds of the local operations (plugins/Edit, run on this machine
// with FFmpeg, priced "free (runs locally)"). Their models, forms and next steps come from the API like any other.
export const LOCAL_TASKS = {
  'video-edit': ['Edit', 'Trim, speed, text, captions, sound, join clips: free, on this machine'],
  'video-transform': ['Transform', 'Aspect ratio, size, compression, format, GIF, poster frame: free'],
  social: ['Social', 'Ready for TikTok, Reels, Shorts, YouTube, LinkedIn or X, checked against the platform: free'],
};
