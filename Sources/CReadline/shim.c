#define _GNU_SOURCE /* pipe2 */
#include "CReadline.h"
#include "CInterrupt.h"
#include <fcntl.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
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

/* ---- Signals -------------------------------------------------------------

   mle is multithreaded (OpenBLAS starts workers before main), so a signal
   from the terminal may land on any thread, and readline's own handlers
   only work when the signal interrupts the read of the thread running
   readline. So readline's handlers are off, and the handlers here set a
   flag and write a byte to a pipe that read_key polls beside the terminal;
   read_key then does what readline would have done, on the right thread.
   In signal context nothing but flags, write, kill, signal and _exit. */

static int wake[2] = { -1, -1 };
static volatile sig_atomic_t reading = 0;           /* inside mle_rl_read_line */
static volatile sig_atomic_t pending[NSIG];          /* caught, not yet acted on */
static volatile sig_atomic_t interrupted = 0;        /* Ctrl-C abandoned this line */
static volatile sig_atomic_t interrupts_while_running = 0;

static const int handled[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGWINCH };

static void on_signal(int sig) {
    int saved = errno;
    if (reading || sig == SIGWINCH) {
        pending[sig] = 1;
        (void)!write(wake[1], "", 1);
    } else if (sig == SIGINT) {
        /* A statement is running: ask it to stop (its long loops poll the
           flag, and the session reports "interrupted"). A statement still
           running at the second Ctrl-C is in a loop that does not poll: say
           so, and let a third one quit. */
        mle_interrupt_request();
        int count = ++interrupts_while_running;
        if (count >= 3) _exit(130);
        static const char stopping[] = "\n";
        static const char still[] =
            "\nmle is still stopping the statement; press Ctrl-C again to quit (and lose the session).\n";
        if (count == 1) (void)!write(STDERR_FILENO, stopping, sizeof stopping - 1);
        else (void)!write(STDERR_FILENO, still, sizeof still - 1);
    } else if (sig == SIGTSTP) {
        kill(getpid(), SIGSTOP);  /* the terminal is in its normal mode */
    } else {
        signal(sig, SIG_DFL);
        kill(getpid(), sig);
    }
    errno = saved;
}

/* Acts, on readline's thread, on the signals caught since the last call.
   Returns 1 when Ctrl-C asks to abandon the line. */
static int act_on_signals(void) {
    char drain[64];
    while (read(wake[0], drain, sizeof drain) > 0) {}
    if (pending[SIGWINCH]) {
        pending[SIGWINCH] = 0;
        rl_resize_terminal();
    }
    if (pending[SIGTSTP]) {
        pending[SIGTSTP] = 0;
        rl_cleanup_after_signal();      /* give the shell a sane terminal */
        kill(getpid(), SIGSTOP);
        rl_reset_after_signal();        /* continued: back to editing, */
        rl_on_new_line();               /* redrawn below what the shell printed */
        rl_redisplay();
    }
    const int fatal[] = { SIGTERM, SIGHUP, SIGQUIT };
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        if (!pending[fatal[i]]) continue;
        rl_cleanup_after_signal();      /* restore the terminal, then die of it */
        signal(fatal[i], SIG_DFL);
        raise(fatal[i]);
    }
    if (pending[SIGINT]) {
        pending[SIGINT] = 0;
        interrupted = 1;
        rl_echo_signal_char(SIGINT);
        return 1;
    }
    return 0;
}

/* readline's input function: its rl_getc, but also woken by the pipe. */
static int read_key(FILE *stream) {
    int fd = fileno(stream);
    for (;;) {
        if (act_on_signals()) {
            rl_done = 1;      /* accept the line; the caller discards it */
            return '\n';
        }
        struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = wake[0], .events = POLLIN } };
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return RL_ISSTATE(RL_STATE_READCMD) ? READERR : EOF;
        }
        if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        unsigned char c;
        ssize_t n = read(fd, &c, 1);
        if (n == 1) return c;
        if (n == 0) return EOF;
        if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
            return RL_ISSTATE(RL_STATE_READCMD) ? READERR : EOF;
    }
}

void mle_rl_setup(const char *name, mle_completion_generator generator) {
    rl_readline_name = strdup(name);
    current_generator = generator;
    rl_attempted_completion_function = attempted_completion;
    rl_completion_word_break_hook = word_breaks;
    rl_basic_word_break_characters = expression_breaks;
    rl_getc_function = read_key;

    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    if (pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0) wake[0] = wake[1] = -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++) sigaction(handled[i], &sa, NULL);
}

char *mle_rl_read_line(const char *prompt, int *was_interrupted) {
    interrupted = 0;
    interrupts_while_running = 0;
    reading = 1;
    char *line = readline(prompt);
    reading = 0;
    *was_interrupted = interrupted;
    return line;
}

/* ---- History -------------------------------------------------------------

   Several REPLs may be open at once on one history file, so the file is
   never rewritten from one REPL's memory (that would drop the entries the
   others added since it started): each entry is appended as it is made,
   then the file is cut back to the newest `limit` entries, both under an
   advisory lock. The lock is on a sibling file, PATH.lock, because the
   history file cannot carry it: history_truncate_file (like write_history)
   writes a temporary file and renames it over the old one, and a lock on
   the old one would no longer exclude anybody. */

static char *history_path = NULL;
static char *lock_path = NULL;
static int history_limit = 0;

/* Waits for the history lock; returns its descriptor, or -1 when no lock
   can be had (an unwritable folder: then the file is used without one). */
static int lock_history(void) {
    if (!lock_path) return -1;
    int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    while (flock(fd, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        close(fd);
        return -1;
    }
    return fd;
}

static void unlock_history(int fd) {
    if (fd >= 0) close(fd); /* closing the descriptor releases the lock */
}

static int is_timestamp(const char *line) {
    return line[0] == history_comment_char && line[1] >= '0' && line[1] <= '9';
}

/* How the file marks its entries: 0 without timestamp lines (an older
   mle's file, or none), 1 with them, 2 with them but not on its first line
   (history_truncate_file cuts just after an entry's timestamp line). */
static int timestamp_layout(const char *path) {
    FILE *file = fopen(path, "r");
    if (!file) return 0;
    char *line = NULL;
    size_t size = 0;
    int first = 1, starts = 0, found = 0;
    while (!found && getline(&line, &size, file) >= 0) {
        found = is_timestamp(line);
        if (first) starts = found;
        first = 0;
    }
    free(line);
    fclose(file);
    return !found ? 0 : starts ? 1 : 2;
}

/* Puts a timestamp line at the head of the file if its first entry has
   none, so that readline reads the file as multi-line entries. */
static void restore_first_timestamp(const char *path) {
    if (timestamp_layout(path) != 2) return;
    FILE *in = fopen(path, "r");
    if (!in) return;
    char *temporary = malloc(strlen(path) + sizeof ".tmp");
    FILE *out = NULL;
    if (temporary) {
        strcat(strcpy(temporary, path), ".tmp");
        int fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        out = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (fd >= 0 && !out) close(fd);
    }
    int ok = out != NULL && fprintf(out, "%c%ld\n", history_comment_char, (long)time(NULL)) > 0;
    char buffer[8192];
    size_t n;
    while (ok && (n = fread(buffer, 1, sizeof buffer, in)) > 0) ok = fwrite(buffer, 1, n, out) == n;
    ok = ok && !ferror(in);
    fclose(in);
    if (out && fclose(out) != 0) ok = 0;
    if (temporary && (!ok || rename(temporary, path) != 0)) unlink(temporary);
    free(temporary);
}

void mle_history_open(const char *path, int limit) {
    free(history_path);
    free(lock_path);
    history_path = path && *path ? strdup(path) : NULL;
    lock_path = NULL;
    if (history_path && (lock_path = malloc(strlen(history_path) + sizeof ".lock")))
        strcat(strcpy(lock_path, history_path), ".lock");
    history_limit = limit;
    using_history();
    stifle_history(limit);
    /* A timestamp line (`#` and digits) before each entry marks where it
       starts, so a statement typed over several lines comes back whole:
       readline reads a file that begins with one as multi-line entries. */
    history_comment_char = '#';
    history_write_timestamps = 1;
    if (!history_path) return;
    int lock = lock_history();
    int layout = timestamp_layout(history_path);
    /* A first entry without its timestamp still starts an entry of its own. */
    history_multiline_entries = layout == 2;
    int read = read_history(history_path);
    history_multiline_entries = 0;
    if (read == 0 && history_length > 0 && layout != 1) {
        /* Written without timestamps (by an older mle): entries read from it
           got one as they loaded, so rewriting it once puts one before each,
           and the multi-line entries appended from now on read back whole. */
        (void)write_history(history_path);
    }
    unlock_history(lock);
}

void mle_history_add(const char *entry) {
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (last && strcmp(last->line, entry) == 0) return;
    add_history(entry);
    if (!history_path) return;
    int lock = lock_history();
    /* append_history does not create the file */
    int fd = open(history_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) close(fd);
    if (append_history(1, history_path) == 0 && history_truncate_file(history_path, history_limit) == 0)
        restore_first_timestamp(history_path);
    unlock_history(lock);
}
