#include "CReadline.h"
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* ---- Completion ---------------------------------------------------------- */

static mle_completion_generator current_generator = NULL;

/* Word breaks inside a statement: '.' is not one, so `d.` completes a
   table's columns, and ':' is not one, so `:lo` completes a command. */
static char expression_breaks[] = " \t\n\"\\'`@$><=;|&{(,[+-*/^~";
/* The argument of `:load` is a path: only blanks break it. */
static char path_breaks[] = " \t\n";

static int completing_load_argument(void) {
    const char *line = rl_line_buffer;
    while (*line == ' ' || *line == '\t') line++;
    return strncmp(line, ":load", 5) == 0 && (line[5] == ' ' || line[5] == '\t');
}

static char *word_breaks(void) {
    return completing_load_argument() ? path_breaks : expression_breaks;
}

static char *generator_thunk(const char *text, int state) {
    return current_generator ? current_generator(text, state) : NULL;
}

static char **attempted_completion(const char *text, int start, int end) {
    (void)end;
    rl_attempted_completion_over = 1;
    if (start > 0 && completing_load_argument())
        return rl_completion_matches(text, rl_filename_completion_function);
    return rl_completion_matches(text, generator_thunk);
}

/* ---- Ctrl-C -------------------------------------------------------------- */

/* While readline runs, its own SIGINT handler restores the terminal, echoes
   ^C and re-sends the signal to on_sigint, which only sets flags; read_key
   (readline's input function) sees them and ends the line. Nothing but
   flags and write(2) happens in signal context. */
static volatile sig_atomic_t reading = 0;
static volatile sig_atomic_t interrupted = 0;
static volatile sig_atomic_t abandon_pending = 0;
static volatile sig_atomic_t interrupts_while_running = 0;

static void on_sigint(int sig) {
    (void)sig;
    if (reading) {
        interrupted = 1;
        abandon_pending = 1;
        return;
    }
    if (interrupts_while_running++ > 0) _exit(130);
    static const char message[] =
        "\nmle cannot interrupt a running statement; press Ctrl-C again to quit.\n";
    (void)!write(STDERR_FILENO, message, sizeof message - 1);
}

/* readline's input function: its own rl_getc, plus a way out on Ctrl-C.
   poll (never restarted after a signal) lets readline's handlers run. */
static int read_key(FILE *stream) {
    int fd = fileno(stream);
    for (;;) {
        if (abandon_pending) {
            abandon_pending = 0;
            rl_done = 1;
            return '\n';
        }
        struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
        if (poll(&p, 1, -1) > 0) {
            unsigned char c;
            ssize_t n = read(fd, &c, 1);
            if (n == 1) return c;
            if (n == 0) return EOF;
        }
        if (errno == EINTR) {
            rl_check_signals();
        } else if (errno != EAGAIN && errno != EWOULDBLOCK) {
            return RL_ISSTATE(RL_STATE_READCMD) ? READERR : EOF;
        }
    }
}

/* The signals readline handles (it restores the terminal, then passes them on). */
static void readline_signals(sigset_t *set) {
    static const int signals[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGALRM,
                                   SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH };
    sigemptyset(set);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaddset(set, signals[i]);
}

void mle_rl_block_signals(void) {
    sigset_t set;
    readline_signals(&set);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

void mle_rl_setup(const char *name, mle_completion_generator generator) {
    sigset_t set;
    readline_signals(&set);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);

    rl_readline_name = strdup(name);
    current_generator = generator;
    rl_attempted_completion_function = attempted_completion;
    rl_completion_word_break_hook = word_breaks;
    rl_basic_word_break_characters = expression_breaks;
    rl_getc_function = read_key;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
}

char *mle_rl_read_line(const char *prompt, int *was_interrupted) {
    interrupted = 0;
    abandon_pending = 0;
    interrupts_while_running = 0;
    reading = 1;
    char *line = readline(prompt);
    reading = 0;
    *was_interrupted = interrupted;
    return line;
}

/* ---- History ------------------------------------------------------------- */

static char *history_path = NULL;

void mle_history_open(const char *path, int limit) {
    free(history_path);
    history_path = path && *path ? strdup(path) : NULL;
    using_history();
    /* A timestamp line (`#` and digits) before each entry marks where it
       starts, so a statement typed over several lines comes back whole:
       readline reads a file that begins with one as multi-line entries. */
    history_comment_char = '#';
    history_write_timestamps = 1;
    if (history_path) (void)read_history(history_path); /* ENOENT: no history yet */
    stifle_history(limit);
}

void mle_history_add(const char *entry) {
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (last && strcmp(last->line, entry) == 0) return;
    add_history(entry);
    if (history_path) (void)write_history(history_path);
}
