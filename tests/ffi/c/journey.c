/*
 * The Swift shell's view of the native runtime, checked without a Swift compiler.
 *
 * Swift calls the library through the C header uniffi generates for it (SharedFFI.h). This
 * program is compiled against that header and linked with the static library the iOS build
 * uses, and calls the same functions, with the same buffers, that the generated Shared.swift
 * calls:
 *
 *   - the load-time checks Swift makes (contract version, API checksums);
 *   - the callback interface (a vtable of C functions, as Swift registers its own);
 *   - open, send (bridge bytes) and send_json, view and view_json, shutdown, free;
 *   - the error enum as Swift reads it from the call status.
 *
 * The journey: a councillor sets their name, closes the app, opens it again, and the name is
 * still there. Then the errors a shell must handle.
 *
 * Usage: swift-abi-journey <empty data folder>
 * Built and run by `cargo xtask ffi test`.
 */
/* clock_gettime and pthread_cond_timedwait under -std=c11. */
#define _POSIX_C_SOURCE 200809L

#include "SharedFFI.h"
#include "swift_expectations.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int passes, failures;

static void check(int ok, const char *what, ...) {
    va_list args;
    va_start(args, what);
    printf("%s ", ok ? "ok  " : "FAIL");
    vprintf(what, args);
    printf("\n");
    va_end(args);
    if (ok) {
        passes++;
    } else {
        failures++;
    }
}

/* ---- The callback interface, as Swift implements it ---- */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int changes;
static int heard_on_caller_thread;
static pthread_t caller;

static void listener_free(uint64_t handle) { (void)handle; }

static uint64_t listener_clone(uint64_t handle) { return handle; }

static void listener_view_changed(uint64_t handle, void *out_return, RustCallStatus *status) {
    (void)handle;
    (void)out_return;
    status->code = 0;
    pthread_mutex_lock(&lock);
    if (pthread_equal(pthread_self(), caller)) heard_on_caller_thread = 1;
    changes++;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

static UniffiVTableCallbackInterfaceViewListener vtable = {
    .uniffiFree = listener_free,
    .uniffiClone = listener_clone,
    .viewChanged = listener_view_changed,
};

/* ---- Buffers, lowered and lifted as the Swift bindings do ---- */

static RustCallStatus fresh_status(void) {
    RustCallStatus status;
    memset(&status, 0, sizeof status);
    return status;
}

static RustBuffer buffer(const uint8_t *bytes, size_t len) {
    RustCallStatus status = fresh_status();
    ForeignBytes foreign = {.len = (int32_t)len, .data = bytes};
    RustBuffer buffer = ffi_shared_rustbuffer_from_bytes(foreign, &status);
    if (status.code != 0) {
        fprintf(stderr, "rustbuffer_from_bytes failed\n");
        exit(2);
    }
    return buffer;
}

/* A string argument: its UTF-8 bytes. */
static RustBuffer string_arg(const char *text) { return buffer((const uint8_t *)text, strlen(text)); }

/* A byte-array argument: a big-endian i32 length, then the bytes. */
static RustBuffer bytes_arg(const uint8_t *bytes, size_t len) {
    uint8_t *framed = malloc(len + 4);
    framed[0] = (uint8_t)(len >> 24);
    framed[1] = (uint8_t)(len >> 16);
    framed[2] = (uint8_t)(len >> 8);
    framed[3] = (uint8_t)len;
    memcpy(framed + 4, bytes, len);
    RustBuffer result = buffer(framed, len + 4);
    free(framed);
    return result;
}

static void release(RustBuffer buffer) {
    RustCallStatus status = fresh_status();
    ffi_shared_rustbuffer_free(buffer, &status);
}

/* A returned string: a copy of its bytes, NUL-terminated. */
static char *take_string(RustBuffer buffer) {
    char *text = malloc(buffer.len + 1);
    memcpy(text, buffer.data, buffer.len);
    text[buffer.len] = '\0';
    release(buffer);
    return text;
}

static uint32_t read_be32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* The error a call raised: the variant (from 1, in declaration order) and its message. */
enum { STORAGE = 1, INVALID_EVENT = 2, PLATFORM = 3, CLOSED = 4 };

static int error_variant(RustCallStatus *status, char **message) {
    *message = NULL;
    if (status->code != 1) return 0;
    const uint8_t *data = status->errorBuf.data;
    int variant = (int)read_be32(data);
    uint32_t len = read_be32(data + 4);
    *message = malloc(len + 1);
    memcpy(*message, data + 8, len);
    (*message)[len] = '\0';
    release(status->errorBuf);
    return variant;
}

/* ---- The runtime ---- */

/* Each method call consumes one reference to the object, so Swift clones the handle for every
 * call (`uniffiCloneHandle()`); so does this. */
static uint64_t ref(uint64_t runtime) {
    RustCallStatus status = fresh_status();
    uint64_t handle = uniffi_shared_fn_clone_coreruntime(runtime, &status);
    if (status.code != 0) {
        fprintf(stderr, "clone failed\n");
        exit(2);
    }
    return handle;
}

static char *view_json(uint64_t runtime) {
    RustCallStatus status = fresh_status();
    RustBuffer json = uniffi_shared_fn_method_coreruntime_view_json(ref(runtime), &status);
    check(status.code == 0, "view_json returns");
    return take_string(json);
}

/* Waits, waking on each view change, until the view's JSON contains `needle`. */
static int wait_for(uint64_t runtime, const char *needle) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 20;
    for (;;) {
        char *json = view_json(runtime);
        int found = strstr(json, needle) != NULL;
        free(json);
        if (found) return 1;
        pthread_mutex_lock(&lock);
        int seen = changes;
        struct timespec step;
        clock_gettime(CLOCK_REALTIME, &step);
        step.tv_nsec += 200 * 1000 * 1000;
        if (step.tv_nsec >= 1000000000L) {
            step.tv_sec += 1;
            step.tv_nsec -= 1000000000L;
        }
        while (changes == seen && pthread_cond_timedwait(&changed, &lock, &step) == 0) {
        }
        pthread_mutex_unlock(&lock);
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        if (now.tv_sec > deadline.tv_sec) return 0;
    }
}

static uint64_t open_runtime(const char *dir, RustCallStatus *status) {
    *status = fresh_status();
    return uniffi_shared_fn_constructor_coreruntime_open(string_arg(dir), 1, status);
}

static void send_json(uint64_t runtime, const char *event) {
    RustCallStatus status = fresh_status();
    uniffi_shared_fn_method_coreruntime_send_json(ref(runtime), string_arg(event), &status);
    check(status.code == 0, "send_json %s", event);
}

static void shutdown_and_free(uint64_t runtime) {
    RustCallStatus status = fresh_status();
    uniffi_shared_fn_method_coreruntime_shutdown(ref(runtime), &status);
    check(status.code == 0, "shutdown");
    status = fresh_status();
    uniffi_shared_fn_free_coreruntime(runtime, &status);
    check(status.code == 0, "free");
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <empty data folder>\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    caller = pthread_self();

    /* What Swift checks when it first loads the library. */
    check(ffi_shared_uniffi_contract_version() == EXPECTED_CONTRACT_VERSION, "uniffi contract version %d",
          EXPECTED_CONTRACT_VERSION);
    for (size_t i = 0; i < sizeof CHECKSUMS / sizeof CHECKSUMS[0]; i++) {
        check(CHECKSUMS[i].actual() == CHECKSUMS[i].expected, "API checksum of %s", CHECKSUMS[i].name);
    }
    uniffi_shared_fn_init_callback_vtable_viewlistener(&vtable);

    /* Day one: set a name. */
    RustCallStatus status;
    uint64_t runtime = open_runtime(dir, &status);
    check(status.code == 0 && runtime != 0, "open %s", dir);
    check(wait_for(runtime, "\"screen\":{\"Home\":"), "the home screen shows");
    send_json(runtime, "{\"SetDisplayName\":{\"name\":\"Cllr Okafor\"}}");
    send_json(runtime, "{\"Navigate\":{\"to\":\"Home\"}}");
    check(wait_for(runtime, "Cllr Okafor"), "the name shows on the home screen");

    /* The bridge-format view is the same view: its first field is the title, a u64 LE length
     * and the bytes, in bincode's fixed-int encoding. */
    status = fresh_status();
    RustBuffer bytes = uniffi_shared_fn_method_coreruntime_view(ref(runtime), &status);
    check(status.code == 0 && bytes.len > 12, "view returns bridge bytes (%llu)", (unsigned long long)bytes.len);
    uint32_t framed = read_be32(bytes.data);
    check(framed == bytes.len - 4, "the bytes are framed as a byte array (%u)", framed);
    uint64_t title_len = 0;
    for (int i = 7; i >= 0; i--) title_len = (title_len << 8) | bytes.data[4 + i];
    char title[256] = {0};
    if (title_len < sizeof title) memcpy(title, bytes.data + 12, title_len);
    char *json = view_json(runtime);
    char expected[300];
    snprintf(expected, sizeof expected, "\"title\":\"%s\"", title);
    check(title_len > 0 && strstr(json, expected) != NULL, "bincode and JSON agree on the title \"%s\"", title);
    free(json);
    release(bytes);

    /* Bytes that are not an event: InvalidEvent, with a message to show. */
    const uint8_t nonsense[] = {0xff, 0xff, 0xff, 0xff, 0xff};
    status = fresh_status();
    uniffi_shared_fn_method_coreruntime_send(ref(runtime), bytes_arg(nonsense, sizeof nonsense), &status);
    char *message;
    int variant = error_variant(&status, &message);
    check(variant == INVALID_EVENT, "nonsense bytes are InvalidEvent (%d): %s", variant, message ? message : "");
    free(message);

    /* Close the app; sending afterwards is Closed. */
    status = fresh_status();
    uniffi_shared_fn_method_coreruntime_shutdown(ref(runtime), &status);
    check(status.code == 0, "shutdown");
    status = fresh_status();
    uniffi_shared_fn_method_coreruntime_send_json(ref(runtime), string_arg("\"Back\""), &status);
    variant = error_variant(&status, &message);
    check(variant == CLOSED, "after shutdown, sending is Closed (%d)", variant);
    free(message);
    status = fresh_status();
    uniffi_shared_fn_free_coreruntime(runtime, &status);
    check(status.code == 0, "free");

    /* Day two: the name is remembered. */
    runtime = open_runtime(dir, &status);
    check(status.code == 0, "open again");
    check(wait_for(runtime, "Cllr Okafor"), "the name survived closing the app");
    shutdown_and_free(runtime);

    pthread_mutex_lock(&lock);
    check(changes > 0, "the listener heard %d view changes", changes);
    check(!heard_on_caller_thread, "never on the caller's thread");
    pthread_mutex_unlock(&lock);

    /* A folder that cannot hold a database: Storage, saying what to check. */
    char blocker[4096];
    snprintf(blocker, sizeof blocker, "%s/blocker", dir);
    FILE *file = fopen(blocker, "w");
    fclose(file);
    char inside[4200];
    snprintf(inside, sizeof inside, "%s/data", blocker);
    runtime = open_runtime(inside, &status);
    variant = error_variant(&status, &message);
    check(variant == STORAGE, "an unusable folder is Storage (%d)", variant);
    check(message && strstr(message, "data folder cannot be used"), "with a message to act on: %s",
          message ? message : "");
    free(message);

    printf("%d passed, %d failed\n", passes, failures);
    return failures == 0 ? 0 : 1;
}
