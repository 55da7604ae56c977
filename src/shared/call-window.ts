/** The frame name of the always-on-top call window: the page opens it with window.open, main allows only it. */
export const CALL_WINDOW_NAME = 'parley-call';
