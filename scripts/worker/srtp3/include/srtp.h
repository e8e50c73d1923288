/*
 * The part of libsrtp 3's API that mediasoup's worker (3.32.x) uses, implemented by Parley over
 * Debian's libsrtp2 (scripts/worker/srtp3/srtp3.c and srtp2_backend.c). No Debian suite packages
 * libsrtp 3, and the worker only needs a few calls of it.
 *
 * Declarations follow libsrtp 3.x (cisco/libsrtp main): opaque policies, protect/unprotect with
 * separate in and out buffers and size_t lengths, SSRCs in host byte order. Enumerator values are
 * libsrtp 3's own. Every function is renamed to parley_srtp3_* by the macros below, so that these
 * symbols never collide with libsrtp2's (srtp_protect exists in both with other signatures).
 *
 * Supported: the four profiles mediasoup offers (AES_CM_128_HMAC_SHA1_80/32, AEAD_AES_128_GCM,
 * AEAD_AES_256_GCM), one master key per policy, no MKI. Anything else is srtp_err_status_bad_param.
 */
#ifndef PARLEY_SRTP3_COMPAT_SRTP_H
#define PARLEY_SRTP3_COMPAT_SRTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PARLEY_SRTP3_COMPAT 1

#define SRTP_MAX_KEY_LEN 64
#define SRTP_MAX_TAG_LEN 16
#define SRTP_MAX_MKI_LEN 128
#define SRTP_MAX_TRAILER_LEN (SRTP_MAX_TAG_LEN + SRTP_MAX_MKI_LEN)
#define SRTP_SRCTP_INDEX_LEN 4
#define SRTP_MAX_SRTCP_TRAILER_LEN (SRTP_SRCTP_INDEX_LEN + SRTP_MAX_TAG_LEN + SRTP_MAX_MKI_LEN)
#define SRTP_SALT_LEN 14
#define SRTP_AEAD_SALT_LEN 12
#define SRTP_AES_128_KEY_LEN 16
#define SRTP_AES_256_KEY_LEN 32

typedef enum {
    srtp_err_status_ok = 0,
    srtp_err_status_fail = 1,
    srtp_err_status_bad_param = 2,
    srtp_err_status_alloc_fail = 3,
    srtp_err_status_dealloc_fail = 4,
    srtp_err_status_init_fail = 5,
    srtp_err_status_terminus = 6,
    srtp_err_status_auth_fail = 7,
    srtp_err_status_cipher_fail = 8,
    srtp_err_status_replay_fail = 9,
    srtp_err_status_replay_old = 10,
    srtp_err_status_algo_fail = 11,
    srtp_err_status_no_such_op = 12,
    srtp_err_status_no_ctx = 13,
    srtp_err_status_cant_check = 14,
    srtp_err_status_key_expired = 15,
    srtp_err_status_socket_err = 16,
    srtp_err_status_signal_err = 17,
    srtp_err_status_nonce_bad = 18,
    srtp_err_status_read_fail = 19,
    srtp_err_status_write_fail = 20,
    srtp_err_status_parse_err = 21,
    srtp_err_status_encode_err = 22,
    srtp_err_status_semaphore_err = 23,
    srtp_err_status_pfkey_err = 24,
    srtp_err_status_bad_mki = 25,
    srtp_err_status_pkt_idx_old = 26,
    srtp_err_status_pkt_idx_adv = 27,
    srtp_err_status_buffer_small = 28,
    srtp_err_status_cryptex_err = 29
} srtp_err_status_t;

/* Same tag as libsrtp2's session struct: an srtp_t is libsrtp2's session pointer, unwrapped. */
typedef struct srtp_ctx_t_ srtp_ctx_t;
typedef srtp_ctx_t *srtp_t;

typedef enum {
    ssrc_undefined = 0,
    ssrc_specific = 1,
    ssrc_any_inbound = 2,
    ssrc_any_outbound = 3
} srtp_ssrc_type_t;

typedef struct {
    srtp_ssrc_type_t type;
    uint32_t value; /* host byte order */
} srtp_ssrc_t;

typedef enum {
    srtp_profile_reserved = 0,
    srtp_profile_null_null = 1,
    srtp_profile_aes128_cm_sha1_80 = 2,
    srtp_profile_aes128_cm_sha1_32 = 3,
    srtp_profile_aes192_cm_sha1_80 = 4,
    srtp_profile_aes192_cm_sha1_32 = 5,
    srtp_profile_aes256_cm_sha1_80 = 6,
    srtp_profile_aes256_cm_sha1_32 = 7,
    srtp_profile_null_sha1_80 = 8,
    srtp_profile_null_sha1_32 = 9,
    srtp_profile_aead_aes_128_gcm = 10,
    srtp_profile_aead_aes_256_gcm = 11
} srtp_profile_t;

typedef struct srtp_policy_ctx_t_ srtp_policy_ctx_t;
typedef srtp_policy_ctx_t *srtp_policy_t;

typedef enum {
    event_ssrc_collision,
    event_key_soft_limit,
    event_key_hard_limit,
    event_packet_index_limit
} srtp_event_t;

typedef struct srtp_event_data_t {
    srtp_t session;
    uint32_t ssrc; /* host byte order */
    srtp_event_t event;
} srtp_event_data_t;

typedef void(srtp_event_handler_func_t)(srtp_event_data_t *data);

#define srtp_init parley_srtp3_init
#define srtp_shutdown parley_srtp3_shutdown
#define srtp_get_version_string parley_srtp3_get_version_string
#define srtp_install_event_handler parley_srtp3_install_event_handler
#define srtp_policy_create parley_srtp3_policy_create
#define srtp_policy_destroy parley_srtp3_policy_destroy
#define srtp_policy_set_ssrc parley_srtp3_policy_set_ssrc
#define srtp_policy_set_profile parley_srtp3_policy_set_profile
#define srtp_policy_add_key parley_srtp3_policy_add_key
#define srtp_policy_set_window_size parley_srtp3_policy_set_window_size
#define srtp_policy_set_allow_repeat_tx parley_srtp3_policy_set_allow_repeat_tx
#define srtp_create parley_srtp3_create
#define srtp_dealloc parley_srtp3_dealloc
#define srtp_stream_remove parley_srtp3_stream_remove
#define srtp_protect parley_srtp3_protect
#define srtp_unprotect parley_srtp3_unprotect
#define srtp_protect_rtcp parley_srtp3_protect_rtcp
#define srtp_unprotect_rtcp parley_srtp3_unprotect_rtcp
#define srtp_profile_get_master_key_length parley_srtp3_profile_get_master_key_length
#define srtp_profile_get_master_salt_length parley_srtp3_profile_get_master_salt_length

srtp_err_status_t srtp_init(void);
srtp_err_status_t srtp_shutdown(void);
const char *srtp_get_version_string(void);
srtp_err_status_t srtp_install_event_handler(srtp_event_handler_func_t func);

srtp_err_status_t srtp_policy_create(srtp_policy_t *policy);
/* Wipes the key material it holds. NULL is ignored. */
void srtp_policy_destroy(srtp_policy_t policy);
srtp_err_status_t srtp_policy_set_ssrc(srtp_policy_t policy, srtp_ssrc_t ssrc);
srtp_err_status_t srtp_policy_set_profile(srtp_policy_t policy, srtp_profile_t profile);
/* One key per policy and no MKI (mki_len must be 0); lengths are checked against the profile by
 * srtp_create(). */
srtp_err_status_t srtp_policy_add_key(srtp_policy_t policy,
                                      const uint8_t *key,
                                      size_t key_len,
                                      const uint8_t *salt,
                                      size_t salt_len,
                                      const uint8_t *mki,
                                      size_t mki_len);
/* 0 (libsrtp's default) or 64..0x7fff. */
srtp_err_status_t srtp_policy_set_window_size(srtp_policy_t policy, size_t window_size);
srtp_err_status_t srtp_policy_set_allow_repeat_tx(srtp_policy_t policy, bool allow);

/* policy may be NULL (a session without streams). */
srtp_err_status_t srtp_create(srtp_t *session, const srtp_policy_t policy);
srtp_err_status_t srtp_dealloc(srtp_t session);
/* ssrc in host byte order, as in libsrtp 3. */
srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc);

/* *srtp_len: capacity of srtp before the call, length of the SRTP packet after. srtp may equal
 * rtp (in place). mki_index must be 0. */
srtp_err_status_t srtp_protect(srtp_t ctx,
                               const uint8_t *rtp,
                               size_t rtp_len,
                               uint8_t *srtp,
                               size_t *srtp_len,
                               size_t mki_index);
/* *rtp_len: capacity of rtp before the call, length of the RTP packet after. rtp may equal srtp. */
srtp_err_status_t srtp_unprotect(srtp_t ctx,
                                 const uint8_t *srtp,
                                 size_t srtp_len,
                                 uint8_t *rtp,
                                 size_t *rtp_len);
srtp_err_status_t srtp_protect_rtcp(srtp_t ctx,
                                    const uint8_t *rtcp,
                                    size_t rtcp_len,
                                    uint8_t *srtcp,
                                    size_t *srtcp_len,
                                    size_t mki_index);
srtp_err_status_t srtp_unprotect_rtcp(srtp_t ctx,
                                      const uint8_t *srtcp,
                                      size_t srtcp_len,
                                      uint8_t *rtcp,
                                      size_t *rtcp_len);

/* 0 for a profile this layer does not support. */
size_t srtp_profile_get_master_key_length(srtp_profile_t profile);
size_t srtp_profile_get_master_salt_length(srtp_profile_t profile);

#ifdef __cplusplus
}
#endif

#endif
