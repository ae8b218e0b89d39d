/** Engine version: recorded in every pool and curve file, and (later) in shared links. */
export const ENGINE_VERSION = '0.1.0';
