/*
 * Parley's libsrtp 3 layer, libsrtp2 side: builds libsrtp2 policies and calls Debian's libsrtp2
 * in place. See srtp2_backend.h.
 */
#include "srtp2_backend.h"

#include <arpa/inet.h>
#include <string.h>
#include <srtp2/srtp.h>

static parley_srtp2_event_fn *event_handler_fn;

static void on_srtp2_event(srtp_event_data_t *data)
{
    if (event_handler_fn != NULL) {
        event_handler_fn(data->session, data->ssrc, (int)data->event);
    }
}

int parley_srtp2_init(void)
{
    return srtp_init();
}

int parley_srtp2_shutdown(void)
{
    return srtp_shutdown();
}

const char *parley_srtp2_version_string(void)
{
    return srtp_get_version_string();
}

int parley_srtp2_install_event_handler(parley_srtp2_event_fn *handler)
{
    event_handler_fn = handler;
    return srtp_install_event_handler(handler != NULL ? on_srtp2_event : NULL);
}

static int profile_of(enum parley_srtp2_suite suite, srtp_profile_t *profile)
{
    switch (suite) {
    case PARLEY_SRTP2_AES_CM_128_SHA1_80:
        *profile = srtp_profile_aes128_cm_sha1_80;
        return 1;
    case PARLEY_SRTP2_AES_CM_128_SHA1_32:
        *profile = srtp_profile_aes128_cm_sha1_32;
        return 1;
    case PARLEY_SRTP2_AEAD_AES_128_GCM:
        *profile = srtp_profile_aead_aes_128_gcm;
        return 1;
    case PARLEY_SRTP2_AEAD_AES_256_GCM:
        *profile = srtp_profile_aead_aes_256_gcm;
        return 1;
    }
    return 0;
}

int parley_srtp2_create(void **session, const struct parley_srtp2_stream_params *params)
{
    srtp_t created = NULL;
    srtp_err_status_t status;

    if (params == NULL) {
        status = srtp_create(&created, NULL);
    } else {
        srtp_policy_t policy;
        srtp_profile_t profile;

        if (!profile_of(params->suite, &profile)) {
            return srtp_err_status_bad_param;
        }
        memset(&policy, 0, sizeof(policy));
        /* RTP and RTCP from the profile, as RFC 5764 says: the 32-bit profile keeps an 80-bit
         * tag for RTCP. */
        status = srtp_crypto_policy_set_from_profile_for_rtp(&policy.rtp, profile);
        if (status != srtp_err_status_ok) {
            return status;
        }
        status = srtp_crypto_policy_set_from_profile_for_rtcp(&policy.rtcp, profile);
        if (status != srtp_err_status_ok) {
            return status;
        }
        policy.ssrc.type = (srtp_ssrc_type_t)params->ssrc_type;
        policy.ssrc.value = params->ssrc_value;
        /* libsrtp2 reads but never writes the key; its type just lacks the const. */
        policy.key = (unsigned char *)(uintptr_t)params->key_and_salt;
        policy.window_size = params->window_size;
        policy.allow_repeat_tx = params->allow_repeat_tx;
        policy.next = NULL;
        status = srtp_create(&created, &policy);
    }
    if (status != srtp_err_status_ok) {
        return status;
    }
    *session = created;
    return srtp_err_status_ok;
}

int parley_srtp2_dealloc(void *session)
{
    return srtp_dealloc((srtp_t)session);
}

int parley_srtp2_remove_stream(void *session, uint32_t ssrc)
{
    /* libsrtp2 takes the SSRC in network byte order, libsrtp 3 in host order. */
    return srtp_remove_stream((srtp_t)session, htonl(ssrc));
}

void parley_srtp2_set_user_data(void *session, const void *data)
{
    srtp_set_user_data((srtp_t)session, (void *)(uintptr_t)data);
}

const void *parley_srtp2_get_user_data(void *session)
{
    return srtp_get_user_data((srtp_t)session);
}

int parley_srtp2_protect(void *session, uint8_t *buf, int *len)
{
    return srtp_protect((srtp_t)session, buf, len);
}

int parley_srtp2_unprotect(void *session, uint8_t *buf, int *len)
{
    return srtp_unprotect((srtp_t)session, buf, len);
}

int parley_srtp2_protect_rtcp(void *session, uint8_t *buf, int *len)
{
    return srtp_protect_rtcp((srtp_t)session, buf, len);
}

int parley_srtp2_unprotect_rtcp(void *session, uint8_t *buf, int *len)
{
    return srtp_unprotect_rtcp((srtp_t)session, buf, len);
}
