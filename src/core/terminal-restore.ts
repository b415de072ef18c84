/**
 * What the terminal needs written to be given back as it was (the normal screen, the cursor), while
 * a live view has it; empty otherwise. The entry point writes it when a second Ctrl-C ends the
 * process at once, without the usual clean-up. Kept apart so the entry point loads nothing more.
 */
export const terminalRestore = { sequence: "" };
