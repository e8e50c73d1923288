/*
 * Parley's libsrtp 3 layer, API side: the libsrtp 3 calls mediasoup's worker makes (include/srtp.h),
 * over Debian's libsrtp2 (srtp2_backend.c). libsrtp2 protects in place, so a packet given with
 * separate in and out buffers is copied once into the out buffer first (mediasoup 3.12 made the same
 * copy itself before calling libsrtp2).
 */
#include "srtp.h"
#include "srtp2_backend.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What this layer knows about each supported profile. Trailers are the bytes protect adds: the tag
 * for RTP; the E flag + SRTCP index (4) and the RTCP tag for RTCP (80-bit for both AES-CM profiles,
 * RFC 5764 4.1.2). */
struct suite_info {
    srtp_profile_t profile;
    enum parley_srtp2_suite suite;
    size_t key_len;
    size_t salt_len;
    size_t rtp_trailer;
    size_t rtcp_trailer;
};

static const struct suite_info suites[] = {
    { srtp_profile_aes128_cm_sha1_80, PARLEY_SRTP2_AES_CM_128_SHA1_80, SRTP_AES_128_KEY_LEN, SRTP_SALT_LEN, 10, 4 + 10 },
    { srtp_profile_aes128_cm_sha1_32, PARLEY_SRTP2_AES_CM_128_SHA1_32, SRTP_AES_128_KEY_LEN, SRTP_SALT_LEN, 4, 4 + 10 },
    { srtp_profile_aead_aes_128_gcm, PARLEY_SRTP2_AEAD_AES_128_GCM, SRTP_AES_128_KEY_LEN, SRTP_AEAD_SALT_LEN, 16, 4 + 16 },
    { srtp_profile_aead_aes_256_gcm, PARLEY_SRTP2_AEAD_AES_256_GCM, SRTP_AES_256_KEY_LEN, SRTP_AEAD_SALT_LEN, 16, 4 + 16 },
};

static const struct suite_info *suite_of(srtp_profile_t profile)
{
    for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
        if (suites[i].profile == profile) {
            return &suites[i];
        }
    }
    return NULL;
}

struct srtp_policy_ctx_t_ {
    srtp_ssrc_t ssrc;
    const struct suite_info *suite;
    uint8_t key_and_salt[SRTP_MAX_KEY_LEN];
    size_t key_len;
    size_t salt_len;
    int key_count;
    size_t window_size;
    bool allow_repeat_tx;
};

static void wipe(void *data, size_t len)
{
    volatile uint8_t *bytes = data;
    while (len-- > 0) {
        *bytes++ = 0;
    }
}

static srtp_event_handler_func_t *event_handler;

static void on_backend_event(void *session, uint32_t ssrc, int event)
{
    srtp_event_data_t data;

    if (event_handler == NULL || event < event_ssrc_collision || event > event_packet_index_limit) {
        return;
    }
    data.session = (srtp_t)session;
    data.ssrc = ssrc;
    data.event = (srtp_event_t)event;
    event_handler(&data);
}

srtp_err_status_t srtp_init(void)
{
    return (srtp_err_status_t)parley_srtp2_init();
}

srtp_err_status_t srtp_shutdown(void)
{
    return (srtp_err_status_t)parley_srtp2_shutdown();
}

const char *srtp_get_version_string(void)
{
    static char version[96];

    if (version[0] == '\0') {
        snprintf(version, sizeof(version), "libsrtp 3 API (Parley) over %s",
                 parley_srtp2_version_string());
    }
    return version;
}

srtp_err_status_t srtp_install_event_handler(srtp_event_handler_func_t func)
{
    event_handler = func;
    return (srtp_err_status_t)parley_srtp2_install_event_handler(func != NULL ? on_backend_event : NULL);
}

srtp_err_status_t srtp_policy_create(srtp_policy_t *policy)
{
    srtp_policy_t created;

    if (policy == NULL) {
        return srtp_err_status_bad_param;
    }
    created = calloc(1, sizeof(*created));
    if (created == NULL) {
        return srtp_err_status_alloc_fail;
    }
    created->ssrc.type = ssrc_undefined;
    *policy = created;
    return srtp_err_status_ok;
}

void srtp_policy_destroy(srtp_policy_t policy)
{
    if (policy == NULL) {
        return;
    }
    wipe(policy, sizeof(*policy));
    free(policy);
}

srtp_err_status_t srtp_policy_set_ssrc(srtp_policy_t policy, srtp_ssrc_t ssrc)
{
    if (policy == NULL) {
        return srtp_err_status_bad_param;
    }
    if (ssrc.type != ssrc_specific && ssrc.type != ssrc_any_inbound && ssrc.type != ssrc_any_outbound) {
        return srtp_err_status_bad_param;
    }
    policy->ssrc = ssrc;
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_policy_set_profile(srtp_policy_t policy, srtp_profile_t profile)
{
    const struct suite_info *suite = suite_of(profile);

    if (policy == NULL || suite == NULL) {
        return srtp_err_status_bad_param;
    }
    policy->suite = suite;
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_policy_add_key(srtp_policy_t policy,
                                      const uint8_t *key,
                                      size_t key_len,
                                      const uint8_t *salt,
                                      size_t salt_len,
                                      const uint8_t *mki,
                                      size_t mki_len)
{
    (void)mki;
    if (policy == NULL || key == NULL || salt == NULL) {
        return srtp_err_status_bad_param;
    }
    /* No MKI, hence a single key (as libsrtp 3 without MKI). */
    if (mki_len != 0 || policy->key_count != 0) {
        return srtp_err_status_bad_param;
    }
    if (key_len == 0 || salt_len == 0 || key_len > SRTP_MAX_KEY_LEN || salt_len > SRTP_MAX_KEY_LEN - key_len) {
        return srtp_err_status_bad_param;
    }
    memcpy(policy->key_and_salt, key, key_len);
    memcpy(policy->key_and_salt + key_len, salt, salt_len);
    policy->key_len = key_len;
    policy->salt_len = salt_len;
    policy->key_count = 1;
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_policy_set_window_size(srtp_policy_t policy, size_t window_size)
{
    if (policy == NULL || (window_size != 0 && (window_size < 64 || window_size > 0x7fff))) {
        return srtp_err_status_bad_param;
    }
    policy->window_size = window_size;
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_policy_set_allow_repeat_tx(srtp_policy_t policy, bool allow)
{
    if (policy == NULL) {
        return srtp_err_status_bad_param;
    }
    policy->allow_repeat_tx = allow;
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_create(srtp_t *session, const srtp_policy_t policy)
{
    struct parley_srtp2_stream_params params;
    void *created = NULL;
    int status;

    if (session == NULL) {
        return srtp_err_status_bad_param;
    }
    if (policy == NULL) {
        status = parley_srtp2_create(&created, NULL);
    } else {
        const struct suite_info *suite = policy->suite;

        if (suite == NULL || policy->ssrc.type == ssrc_undefined || policy->key_count != 1 ||
            policy->key_len != suite->key_len || policy->salt_len != suite->salt_len) {
            return srtp_err_status_bad_param;
        }
        params.suite = suite->suite;
        params.ssrc_type = (int)policy->ssrc.type;
        params.ssrc_value = policy->ssrc.value;
        params.key_and_salt = policy->key_and_salt;
        params.window_size = policy->window_size;
        params.allow_repeat_tx = policy->allow_repeat_tx ? 1 : 0;
        status = parley_srtp2_create(&created, &params);
        if (status == srtp_err_status_ok) {
            /* Lets protect size its out buffer check by this session's own trailer. */
            parley_srtp2_set_user_data(created, suite);
        }
    }
    if (status != srtp_err_status_ok) {
        return (srtp_err_status_t)status;
    }
    *session = (srtp_t)created;
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_dealloc(srtp_t session)
{
    if (session == NULL) {
        return srtp_err_status_bad_param;
    }
    return (srtp_err_status_t)parley_srtp2_dealloc(session);
}

srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
    if (session == NULL) {
        return srtp_err_status_bad_param;
    }
    return (srtp_err_status_t)parley_srtp2_remove_stream(session, ssrc);
}

typedef int backend_fn(void *session, uint8_t *buf, int *len);

static srtp_err_status_t protect_with(backend_fn *protect,
                                      srtp_t ctx,
                                      const uint8_t *in,
                                      size_t in_len,
                                      uint8_t *out,
                                      size_t *out_len,
                                      bool rtcp)
{
    const struct suite_info *suite;
    size_t trailer;
    int len;
    int status;

    if (ctx == NULL || in == NULL || out == NULL || out_len == NULL) {
        return srtp_err_status_bad_param;
    }
    suite = parley_srtp2_get_user_data(ctx);
    trailer = suite != NULL ? (rtcp ? suite->rtcp_trailer : suite->rtp_trailer)
                            : (rtcp ? SRTP_MAX_SRTCP_TRAILER_LEN : SRTP_MAX_TRAILER_LEN);
    if (in_len > (size_t)INT_MAX - trailer) {
        return srtp_err_status_bad_param;
    }
    if (*out_len < in_len + trailer) {
        return srtp_err_status_buffer_small;
    }
    if (out != in) {
        memmove(out, in, in_len);
    }
    len = (int)in_len;
    status = protect(ctx, out, &len);
    if (status != srtp_err_status_ok) {
        return (srtp_err_status_t)status;
    }
    *out_len = (size_t)len;
    return srtp_err_status_ok;
}

static srtp_err_status_t unprotect_with(backend_fn *unprotect,
                                        srtp_t ctx,
                                        const uint8_t *in,
                                        size_t in_len,
                                        uint8_t *out,
                                        size_t *out_len)
{
    int len;
    int status;

    if (ctx == NULL || in == NULL || out == NULL || out_len == NULL || in_len > (size_t)INT_MAX) {
        return srtp_err_status_bad_param;
    }
    if (out != in) {
        /* libsrtp2 works in place on the whole packet, so the out buffer takes all of it. */
        if (*out_len < in_len) {
            return srtp_err_status_buffer_small;
        }
        memmove(out, in, in_len);
    }
    len = (int)in_len;
    status = unprotect(ctx, out, &len);
    if (status != srtp_err_status_ok) {
        return (srtp_err_status_t)status;
    }
    *out_len = (size_t)len;
    return srtp_err_status_ok;
}

srtp_err_status_t srtp_protect(srtp_t ctx,
                               const uint8_t *rtp,
                               size_t rtp_len,
                               uint8_t *srtp,
                               size_t *srtp_len,
                               size_t mki_index)
{
    (void)mki_index; /* ignored without MKI, as in libsrtp 3 */
    return protect_with(parley_srtp2_protect, ctx, rtp, rtp_len, srtp, srtp_len, false);
}

srtp_err_status_t srtp_unprotect(srtp_t ctx,
                                 const uint8_t *srtp,
                                 size_t srtp_len,
                                 uint8_t *rtp,
                                 size_t *rtp_len)
{
    return unprotect_with(parley_srtp2_unprotect, ctx, srtp, srtp_len, rtp, rtp_len);
}

srtp_err_status_t srtp_protect_rtcp(srtp_t ctx,
                                    const uint8_t *rtcp,
                                    size_t rtcp_len,
                                    uint8_t *srtcp,
                                    size_t *srtcp_len,
                                    size_t mki_index)
{
    (void)mki_index;
    return protect_with(parley_srtp2_protect_rtcp, ctx, rtcp, rtcp_len, srtcp, srtcp_len, true);
}

srtp_err_status_t srtp_unprotect_rtcp(srtp_t ctx,
                                      const uint8_t *srtcp,
                                      size_t srtcp_len,
                                      uint8_t *rtcp,
                                      size_t *rtcp_len)
{
    return unprotect_with(parley_srtp2_unprotect_rtcp, ctx, srtcp, srtcp_len, rtcp, rtcp_len);
}

size_t srtp_profile_get_master_key_length(srtp_profile_t profile)
{
    const struct suite_info *suite = suite_of(profile);
    return suite != NULL ? suite->key_len : 0;
}

size_t srtp_profile_get_master_salt_length(srtp_profile_t profile)
{
    const struct suite_info *suite = suite_of(profile);
    return suite != NULL ? suite->salt_len : 0;
}
