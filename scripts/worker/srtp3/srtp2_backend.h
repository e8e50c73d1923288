/*
 * The libsrtp2 side of Parley's libsrtp 3 layer. Plain C types only, so that it can be included
 * beside either library's srtp.h: srtp3.c (libsrtp 3 API, our include/srtp.h) calls these, and
 * srtp2_backend.c (Debian's <srtp2/srtp.h>) implements them. Return values are libsrtp2 status
 * codes, which equal libsrtp 3's for 0..27.
 */
#ifndef PARLEY_SRTP2_BACKEND_H
#define PARLEY_SRTP2_BACKEND_H

#include <stddef.h>
#include <stdint.h>

enum parley_srtp2_suite {
    PARLEY_SRTP2_AES_CM_128_SHA1_80 = 1,
    PARLEY_SRTP2_AES_CM_128_SHA1_32 = 2,
    PARLEY_SRTP2_AEAD_AES_128_GCM = 3,
    PARLEY_SRTP2_AEAD_AES_256_GCM = 4
};

struct parley_srtp2_stream_params {
    enum parley_srtp2_suite suite;
    int ssrc_type;        /* libsrtp's ssrc type values (same in 2 and 3) */
    uint32_t ssrc_value;  /* host byte order */
    const uint8_t *key_and_salt; /* master key immediately followed by master salt */
    unsigned long window_size;
    int allow_repeat_tx;
};

/* Event as libsrtp2 reports it: session, SSRC in host order, libsrtp's event number (0..3). */
typedef void parley_srtp2_event_fn(void *session, uint32_t ssrc, int event);

int parley_srtp2_init(void);
int parley_srtp2_shutdown(void);
const char *parley_srtp2_version_string(void);
int parley_srtp2_install_event_handler(parley_srtp2_event_fn *handler);

/* params may be NULL: a session without streams. */
int parley_srtp2_create(void **session, const struct parley_srtp2_stream_params *params);
int parley_srtp2_dealloc(void *session);
int parley_srtp2_remove_stream(void *session, uint32_t ssrc);
/* The session's user data slot (libsrtp2's srtp_set_user_data). */
void parley_srtp2_set_user_data(void *session, const void *data);
const void *parley_srtp2_get_user_data(void *session);

/* In place: buf holds the packet (*len bytes) and room for the trailer. */
int parley_srtp2_protect(void *session, uint8_t *buf, int *len);
int parley_srtp2_unprotect(void *session, uint8_t *buf, int *len);
int parley_srtp2_protect_rtcp(void *session, uint8_t *buf, int *len);
int parley_srtp2_unprotect_rtcp(void *session, uint8_t *buf, int *len);

#endif
