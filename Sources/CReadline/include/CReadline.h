#ifndef CREADLINE_H
#define CREADLINE_H
/* GNU readline for the mle REPL. Swift 6 cannot touch readline's mutable
   globals directly, so the few the REPL needs are set through functions here. */
#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>

typedef char *(*mle_completion_generator)(const char *text, int state);

/* Installs `generator` as the completer; filename completion is switched off. */
void mle_rl_install_completion(mle_completion_generator generator);
/* Sets the program name readline uses for ~/.inputrc conditionals. */
void mle_rl_set_name(const char *name);
/* Ctrl-C discards the line being edited and shows a fresh prompt. */
void mle_rl_install_sigint(void);
/* Ctrl-C seen since the last call (used while a statement runs). */
int mle_rl_take_interrupt(void);
#endif
