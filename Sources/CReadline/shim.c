#include "CReadline.h"
#include <signal.h>
#include <string.h>
#include <unistd.h>

static mle_completion_generator current_generator = NULL;
static volatile sig_atomic_t interrupted = 0;

static char *generator_thunk(const char *text, int state) {
    return current_generator ? current_generator(text, state) : NULL;
}

static char **attempted_completion(const char *text, int start, int end) {
    (void)start; (void)end;
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, generator_thunk);
}

void mle_rl_install_completion(mle_completion_generator generator) {
    current_generator = generator;
    rl_attempted_completion_function = attempted_completion;
    /* '.' separates a table from its column: complete the part after it. */
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(,[+-*/^~";
}

void mle_rl_set_name(const char *name) { rl_readline_name = strdup(name); }

static void on_sigint(int sig) {
    (void)sig;
    interrupted = 1;
    (void)!write(1, "\n", 1);
    rl_on_new_line();
    rl_replace_line("", 0);
    rl_redisplay();
}

void mle_rl_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    rl_catch_signals = 0;
}

int mle_rl_take_interrupt(void) {
    int was = interrupted;
    interrupted = 0;
    return was;
}
