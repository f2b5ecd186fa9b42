#ifndef CREADLINE_H
#define CREADLINE_H
/* GNU readline for the mle REPL. Swift 6 cannot touch readline's mutable
   globals directly, so everything the REPL needs from them goes through
   the functions here. */
#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>

typedef char *(*mle_completion_generator)(const char *text, int state);

/* Sets the program name readline uses for ~/.inputrc conditionals, installs
   `generator` as the completer (no fallback to file names, except for the
   argument of `:load`), and takes over the terminal's signals: Ctrl-C (see
   mle_rl_read_line), Ctrl-Z, window resizes, and SIGTERM, SIGHUP and
   SIGQUIT, which restore the terminal before they end the program. */
void mle_rl_setup(const char *name, mle_completion_generator generator);

/* Reads one line with GNU readline; NULL at the end of input (Ctrl-D).
   Ctrl-C abandons the line: it echoes ^C, ends the line, and sets
   *interrupted to 1 (the text typed so far is still returned, to be
   discarded by the caller). A Ctrl-C outside this call, while a statement
   runs, asks it to stop (mle_interrupt_request, polled by its long loops);
   if it is still running at a second one mle says so, and a third quits. */
char *mle_rl_read_line(const char *prompt, int *interrupted);

/* Loads the history file `path` (a missing file is fine; NULL or "" keeps
   no file), keeps at most `limit` entries, and stores a multi-line
   statement as one entry. */
void mle_history_open(const char *path, int limit);
/* Adds `entry` unless it repeats the previous entry, and appends it to the
   file at once (then cuts the file back to the newest `limit` entries), so
   a session that is killed keeps its history, and REPLs open at the same
   time on one file keep every entry of each: they take turns on an
   advisory lock (flock on PATH.lock). */
void mle_history_add(const char *entry);
#endif
