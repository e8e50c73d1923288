/*
 * Tests of Parley's libsrtp 3 layer over libsrtp2 (scripts/worker/srtp3). Built and run by
 * scripts/worker/srtp3.test.ts and by the worker build (scripts/worker/buildWorker.mjs), which logs
 * the summary. Prints one "ok"/"not ok" line per check and exits non-zero if any failed.
 */
#include "srtp.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

static int failures;
static int checks;

#define CHECK(cond, ...)                                                      \
    do {                                                                      \
        checks++;                                                             \
        if (!(cond)) {                                                        \
            failures++;                                                       \
            printf("not ok - ");                                              \
            printf(__VA_ARGS__);                                              \
            printf(" (%s:%d: %s)\n", __FILE__, __LINE__, #cond);              \
        }                                                                     \
    } while (0)

struct suite {
    const char *name;
    srtp_profile_t profile;
    size_t key_len;
    size_t salt_len;
    size_t rtp_trailer;
    size_t rtcp_trailer;
};

/* The four suites mediasoup offers, with the sizes RFC 3711/5764/7714 give them. */
static const struct suite suites[] = {
    { "AES_CM_128_HMAC_SHA1_80", srtp_profile_aes128_cm_sha1_80, 16, 14, 10, 4 + 10 },
    { "AES_CM_128_HMAC_SHA1_32", srtp_profile_aes128_cm_sha1_32, 16, 14, 4, 4 + 10 },
    { "AEAD_AES_128_GCM", srtp_profile_aead_aes_128_gcm, 16, 12, 16, 4 + 16 },
    { "AEAD_AES_256_GCM", srtp_profile_aead_aes_256_gcm, 32, 12, 16, 4 + 16 },
};
#define SUITES (sizeof(suites) / sizeof(suites[0]))

static uint32_t rng_state = 0x9e3779b9u;
static uint8_t next_byte(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return (uint8_t)rng_state;
}
static void fill_random(uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        buf[i] = next_byte();
    }
}

static srtp_err_status_t make_session(srtp_t *session, srtp_profile_t profile, srtp_ssrc_type_t type,
                                      const uint8_t *key, size_t key_len, const uint8_t *salt,
                                      size_t salt_len, bool allow_repeat_tx)
{
    srtp_policy_t policy = NULL;
    srtp_ssrc_t ssrc = { type, 0 };
    srtp_err_status_t status = srtp_policy_create(&policy);

    if (status == srtp_err_status_ok) status = srtp_policy_set_ssrc(policy, ssrc);
    if (status == srtp_err_status_ok) status = srtp_policy_set_profile(policy, profile);
    if (status == srtp_err_status_ok) status = srtp_policy_add_key(policy, key, key_len, salt, salt_len, NULL, 0);
    if (status == srtp_err_status_ok) status = srtp_policy_set_allow_repeat_tx(policy, allow_repeat_tx);
    if (status == srtp_err_status_ok) status = srtp_policy_set_window_size(policy, 1024);
    if (status == srtp_err_status_ok) status = srtp_create(session, policy);
    srtp_policy_destroy(policy);
    return status;
}

struct pair {
    srtp_t tx;
    srtp_t rx;
};

static bool make_pair(struct pair *pair, const struct suite *s, const uint8_t *master)
{
    return make_session(&pair->tx, s->profile, ssrc_any_outbound, master, s->key_len,
                        master + s->key_len, s->salt_len, true) == srtp_err_status_ok &&
           make_session(&pair->rx, s->profile, ssrc_any_inbound, master, s->key_len,
                        master + s->key_len, s->salt_len, false) == srtp_err_status_ok;
}

static void free_pair(struct pair *pair)
{
    srtp_dealloc(pair->tx);
    srtp_dealloc(pair->rx);
}

static size_t rtp_packet(uint8_t *buf, uint16_t seq, uint32_t ssrc, size_t payload_len)
{
    buf[0] = 0x80;
    buf[1] = 96;
    buf[2] = (uint8_t)(seq >> 8);
    buf[3] = (uint8_t)seq;
    uint32_t ts = htonl(seq * 960u);
    memcpy(buf + 4, &ts, 4);
    uint32_t n = htonl(ssrc);
    memcpy(buf + 8, &n, 4);
    fill_random(buf + 12, payload_len);
    return 12 + payload_len;
}

/* A receiver report with one report block: 32 bytes. */
static size_t rtcp_packet(uint8_t *buf, uint32_t ssrc)
{
    buf[0] = 0x81;
    buf[1] = 201;
    buf[2] = 0;
    buf[3] = 7;
    uint32_t n = htonl(ssrc);
    memcpy(buf + 4, &n, 4);
    fill_random(buf + 8, 24);
    return 32;
}

static void test_key_sizes(void)
{
    for (size_t i = 0; i < SUITES; i++) {
        CHECK(srtp_profile_get_master_key_length(suites[i].profile) == suites[i].key_len,
              "%s master key length", suites[i].name);
        CHECK(srtp_profile_get_master_salt_length(suites[i].profile) == suites[i].salt_len,
              "%s master salt length", suites[i].name);
    }
    srtp_policy_t policy;
    CHECK(srtp_policy_create(&policy) == srtp_err_status_ok, "policy create");
    CHECK(srtp_policy_set_profile(policy, srtp_profile_null_sha1_80) == srtp_err_status_bad_param,
          "a profile mediasoup does not offer is refused");
    CHECK(srtp_profile_get_master_key_length(srtp_profile_null_null) == 0, "unsupported profile has no key length");
    srtp_policy_destroy(policy);
}

static void test_key_length_mismatch(void)
{
    uint8_t master[64];
    srtp_t session = NULL;
    fill_random(master, sizeof(master));
    for (size_t i = 0; i < SUITES; i++) {
        const struct suite *s = &suites[i];
        CHECK(make_session(&session, s->profile, ssrc_any_outbound, master, s->key_len + 1, master + 40,
                           s->salt_len, false) == srtp_err_status_bad_param,
              "%s refuses a master key one byte too long", s->name);
        CHECK(make_session(&session, s->profile, ssrc_any_outbound, master, s->key_len, master + 40,
                           s->salt_len - 1, false) == srtp_err_status_bad_param,
              "%s refuses a master salt one byte too short", s->name);
    }
    srtp_policy_t policy;
    srtp_policy_create(&policy);
    CHECK(srtp_policy_add_key(policy, master, 16, master + 16, 14, master, 4) == srtp_err_status_bad_param,
          "an MKI is refused");
    CHECK(srtp_policy_add_key(policy, master, 16, master + 16, 14, NULL, 0) == srtp_err_status_ok, "first key");
    CHECK(srtp_policy_add_key(policy, master, 16, master + 16, 14, NULL, 0) == srtp_err_status_bad_param,
          "a second key is refused");
    CHECK(srtp_policy_set_window_size(policy, 10) == srtp_err_status_bad_param, "window 10 is refused");
    CHECK(srtp_policy_set_window_size(policy, 0x8000) == srtp_err_status_bad_param, "window 0x8000 is refused");
    CHECK(srtp_policy_set_window_size(policy, 1024) == srtp_err_status_ok, "window 1024");
    CHECK(srtp_create(&session, policy) == srtp_err_status_bad_param, "no profile, no session");
    srtp_ssrc_t undefined = { ssrc_undefined, 0 };
    CHECK(srtp_policy_set_ssrc(policy, undefined) == srtp_err_status_bad_param, "undefined SSRC type refused");
    srtp_policy_destroy(policy);
}

/* libsrtp's own reference packets (srtp_validate): AES_CM_128_HMAC_SHA1_80/32, SSRC 0xcafebabe. */
static const uint8_t kat_master[30] = {
    0xe1, 0xf9, 0x7a, 0x0d, 0x3e, 0x01, 0x8b, 0xe0, 0xd6, 0x4f, 0xa3, 0x2c, 0x06, 0xde, 0x41,
    0x39, 0x0e, 0xc6, 0x75, 0xad, 0x49, 0x8a, 0xfe, 0xeb, 0xb6, 0x96, 0x0b, 0x3a, 0xab, 0xe6,
};
static const uint8_t kat_rtp[28] = {
    0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe, 0xba, 0xbe, 0xab, 0xab,
    0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab,
};
static const uint8_t kat_srtp[38] = {
    0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe, 0xba, 0xbe, 0x4e,
    0x55, 0xdc, 0x4c, 0xe7, 0x99, 0x78, 0xd8, 0x8c, 0xa4, 0xd2, 0x15, 0x94, 0x9d,
    0x24, 0x02, 0xb7, 0x8d, 0x6a, 0xcc, 0x99, 0xea, 0x17, 0x9b, 0x8d, 0xbb,
};
static const uint8_t kat_rtcp[24] = {
    0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe, 0xab, 0xab, 0xab, 0xab,
    0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab,
};
static const uint8_t kat_srtcp[38] = {
    0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe, 0x71, 0x28, 0x03, 0x5b, 0xe4,
    0x87, 0xb9, 0xbd, 0xbe, 0xf8, 0x90, 0x41, 0xf9, 0x77, 0xa5, 0xa8, 0x80, 0x00,
    0x00, 0x01, 0x99, 0x3e, 0x08, 0xcd, 0x54, 0xd6, 0xc1, 0x23, 0x07, 0x98,
};

static void test_known_answers(void)
{
    for (int tag80 = 1; tag80 >= 0; tag80--) {
        const struct suite *s = &suites[tag80 ? 0 : 1];
        struct pair pair;
        uint8_t out[64];
        size_t out_len = sizeof(out);
        size_t expected = tag80 ? 38 : 32;
        CHECK(make_pair(&pair, s, kat_master), "%s reference sessions", s->name);
        CHECK(srtp_protect(pair.tx, kat_rtp, sizeof(kat_rtp), out, &out_len, 0) == srtp_err_status_ok,
              "%s protects the reference RTP packet", s->name);
        CHECK(out_len == expected && memcmp(out, kat_srtp, expected) == 0,
              "%s gives libsrtp's reference SRTP packet", s->name);
        CHECK(srtp_unprotect(pair.rx, kat_srtp, expected, out, &out_len) == srtp_err_status_ok &&
                  out_len == sizeof(kat_rtp) && memcmp(out, kat_rtp, sizeof(kat_rtp)) == 0,
              "%s opens libsrtp's reference SRTP packet", s->name);
        if (tag80) {
            out_len = sizeof(out);
            CHECK(srtp_protect_rtcp(pair.tx, kat_rtcp, sizeof(kat_rtcp), out, &out_len, 0) == srtp_err_status_ok &&
                      out_len == sizeof(kat_srtcp) && memcmp(out, kat_srtcp, sizeof(kat_srtcp)) == 0,
                  "%s gives libsrtp's reference SRTCP packet", s->name);
            out_len = sizeof(out);
            CHECK(srtp_unprotect_rtcp(pair.rx, kat_srtcp, sizeof(kat_srtcp), out, &out_len) == srtp_err_status_ok &&
                      out_len == sizeof(kat_rtcp) && memcmp(out, kat_rtcp, sizeof(kat_rtcp)) == 0,
                  "%s opens libsrtp's reference SRTCP packet", s->name);
        }
        free_pair(&pair);
    }
}

static void test_round_trips(const struct suite *s)
{
    uint8_t master[64];
    struct pair pair;
    fill_random(master, sizeof(master));
    CHECK(make_pair(&pair, s, master), "%s sessions", s->name);

    int rtp_ok = 1;
    for (uint16_t seq = 1; seq <= 200; seq++) {
        uint8_t plain[1300], wire[1500], back[1500];
        size_t len = rtp_packet(plain, seq, 0x11223344, (size_t)(seq * 7) % 1200);
        size_t wire_len = sizeof(wire), back_len = sizeof(back);
        rtp_ok &= srtp_protect(pair.tx, plain, len, wire, &wire_len, 0) == srtp_err_status_ok;
        rtp_ok &= wire_len == len + s->rtp_trailer;
        rtp_ok &= memcmp(wire, plain, 12) == 0;                     /* header in the clear */
        rtp_ok &= len == 12 || memcmp(wire + 12, plain + 12, len - 12) != 0; /* payload is not */
        rtp_ok &= srtp_unprotect(pair.rx, wire, wire_len, back, &back_len) == srtp_err_status_ok;
        rtp_ok &= back_len == len && memcmp(back, plain, len) == 0;
    }
    CHECK(rtp_ok, "%s RTP round trip of 200 packets (0..1194 byte payloads), trailer %zu", s->name, s->rtp_trailer);

    int rtcp_ok = 1;
    for (int i = 0; i < 50; i++) {
        uint8_t plain[64], wire[128];
        size_t len = rtcp_packet(plain, 0x55667788);
        size_t wire_len = sizeof(wire);
        rtcp_ok &= srtp_protect_rtcp(pair.tx, plain, len, wire, &wire_len, 0) == srtp_err_status_ok;
        rtcp_ok &= wire_len == len + s->rtcp_trailer;
        rtcp_ok &= memcmp(wire, plain, 8) == 0 && memcmp(wire + 8, plain + 8, len - 8) != 0;
        /* in place, as mediasoup decrypts */
        size_t back_len = wire_len;
        rtcp_ok &= srtp_unprotect_rtcp(pair.rx, wire, wire_len, wire, &back_len) == srtp_err_status_ok;
        rtcp_ok &= back_len == len && memcmp(wire, plain, len) == 0;
    }
    CHECK(rtcp_ok, "%s RTCP round trip of 50 packets, trailer %zu", s->name, s->rtcp_trailer);
    free_pair(&pair);
}

static void test_replay_and_tamper(const struct suite *s)
{
    uint8_t master[64], other[64];
    struct pair pair, wrong;
    fill_random(master, sizeof(master));
    memcpy(other, master, sizeof(other));
    other[3] ^= 0x01;
    CHECK(make_pair(&pair, s, master) && make_pair(&wrong, s, other), "%s sessions", s->name);

    uint8_t plain[200], wire[400], copy[400];
    size_t len = rtp_packet(plain, 1000, 0xabcdef01, 160);
    size_t wire_len = sizeof(wire), out_len;

    CHECK(srtp_protect(pair.tx, plain, len, wire, &wire_len, 0) == srtp_err_status_ok, "%s protect", s->name);
    size_t offsets[] = { 1, 12, wire_len / 2, wire_len - 1 }; /* header, payload, tag */
    for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
        memcpy(copy, wire, wire_len);
        copy[offsets[i]] ^= 0x20;
        out_len = sizeof(copy);
        CHECK(srtp_unprotect(pair.rx, copy, wire_len, copy, &out_len) == srtp_err_status_auth_fail,
              "%s RTP with byte %zu of %zu flipped fails authentication", s->name, offsets[i], wire_len);
    }
    memcpy(copy, wire, wire_len);
    out_len = sizeof(copy);
    CHECK(srtp_unprotect(wrong.rx, copy, wire_len, copy, &out_len) == srtp_err_status_auth_fail,
          "%s RTP under another master key fails authentication", s->name);
    memcpy(copy, wire, wire_len);
    out_len = sizeof(copy);
    CHECK(srtp_unprotect(pair.rx, copy, wire_len, copy, &out_len) == srtp_err_status_ok, "%s first copy opens", s->name);
    memcpy(copy, wire, wire_len);
    out_len = sizeof(copy);
    CHECK(srtp_unprotect(pair.rx, copy, wire_len, copy, &out_len) == srtp_err_status_replay_fail,
          "%s RTP replay is rejected", s->name);

    /* 2000 packets later, the first is older than the 1024-packet window. */
    for (uint16_t seq = 1001; seq <= 3000; seq++) {
        uint8_t p[64], w[128];
        size_t l = rtp_packet(p, seq, 0xabcdef01, 20), wl = sizeof(w), ol = sizeof(w);
        srtp_protect(pair.tx, p, l, w, &wl, 0);
        srtp_unprotect(pair.rx, w, wl, w, &ol);
    }
    memcpy(copy, wire, wire_len);
    out_len = sizeof(copy);
    CHECK(srtp_unprotect(pair.rx, copy, wire_len, copy, &out_len) == srtp_err_status_replay_old,
          "%s RTP older than the replay window is rejected", s->name);

    uint8_t rtcp[64], srtcp[128], rcopy[128];
    size_t rlen = rtcp_packet(rtcp, 0x01020304), srtcp_len = sizeof(srtcp);
    CHECK(srtp_protect_rtcp(pair.tx, rtcp, rlen, srtcp, &srtcp_len, 0) == srtp_err_status_ok, "%s protect RTCP", s->name);
    size_t roffsets[] = { 1, 9, srtcp_len - s->rtcp_trailer + 2, srtcp_len - 1 }; /* header, body, index, tag */
    for (size_t i = 0; i < sizeof(roffsets) / sizeof(roffsets[0]); i++) {
        memcpy(rcopy, srtcp, srtcp_len);
        rcopy[roffsets[i]] ^= 0x04;
        out_len = sizeof(rcopy);
        CHECK(srtp_unprotect_rtcp(pair.rx, rcopy, srtcp_len, rcopy, &out_len) == srtp_err_status_auth_fail,
              "%s RTCP with byte %zu of %zu flipped fails authentication", s->name, roffsets[i], srtcp_len);
    }
    memcpy(rcopy, srtcp, srtcp_len);
    out_len = sizeof(rcopy);
    CHECK(srtp_unprotect_rtcp(pair.rx, rcopy, srtcp_len, rcopy, &out_len) == srtp_err_status_ok, "%s RTCP opens", s->name);
    memcpy(rcopy, srtcp, srtcp_len);
    out_len = sizeof(rcopy);
    CHECK(srtp_unprotect_rtcp(pair.rx, rcopy, srtcp_len, rcopy, &out_len) == srtp_err_status_replay_fail,
          "%s RTCP replay is rejected", s->name);
    free_pair(&pair);
    free_pair(&wrong);
}

static void test_buffers_and_streams(const struct suite *s)
{
    uint8_t master[64];
    struct pair pair;
    fill_random(master, sizeof(master));
    CHECK(make_pair(&pair, s, master), "%s sessions", s->name);

    uint8_t plain[300], wire[400];
    size_t len = rtp_packet(plain, 7, 0x0a0b0c0d, 100);
    size_t wire_len = len + s->rtp_trailer - 1;
    CHECK(srtp_protect(pair.tx, plain, len, wire, &wire_len, 0) == srtp_err_status_buffer_small,
          "%s RTP protect into a buffer one byte short is refused", s->name);
    wire_len = 32 + s->rtcp_trailer - 1;
    CHECK(srtp_protect_rtcp(pair.tx, plain, 32, wire, &wire_len, 0) == srtp_err_status_buffer_small,
          "%s RTCP protect into a buffer one byte short is refused", s->name);

    /* in place with exactly the room the trailer needs */
    memcpy(wire, plain, len);
    wire_len = len + s->rtp_trailer;
    CHECK(srtp_protect(pair.tx, wire, len, wire, &wire_len, 0) == srtp_err_status_ok && wire_len == len + s->rtp_trailer,
          "%s RTP protect in place with exactly the trailer's room", s->name);
    uint8_t small[300];
    size_t small_len = wire_len - 1;
    CHECK(srtp_unprotect(pair.rx, wire, wire_len, small, &small_len) == srtp_err_status_buffer_small,
          "%s RTP unprotect into a buffer shorter than the packet is refused", s->name);
    size_t out_len = sizeof(small);
    CHECK(srtp_unprotect(pair.rx, wire, wire_len, small, &out_len) == srtp_err_status_ok &&
              out_len == len && memcmp(small, plain, len) == 0,
          "%s RTP unprotect into a separate buffer", s->name);

    /* The same sequence number again: allowed on the sending side (mediasoup's retransmissions). */
    wire_len = sizeof(wire);
    CHECK(srtp_protect(pair.tx, plain, len, wire, &wire_len, 0) == srtp_err_status_ok,
          "%s RTP resend of a sequence number with allow_repeat_tx", s->name);
    srtp_t strict;
    make_session(&strict, s->profile, ssrc_any_outbound, master, s->key_len, master + s->key_len, s->salt_len, false);
    wire_len = sizeof(wire);
    srtp_protect(strict, plain, len, wire, &wire_len, 0);
    wire_len = sizeof(wire);
    CHECK(srtp_protect(strict, plain, len, wire, &wire_len, 0) == srtp_err_status_replay_fail,
          "%s RTP resend without allow_repeat_tx is refused", s->name);
    srtp_dealloc(strict);

    /* SSRCs in host byte order (libsrtp 3), not network order (libsrtp 2). */
    CHECK(srtp_stream_remove(pair.rx, htonl(0x0a0b0c0d)) != srtp_err_status_ok,
          "%s no stream under the byte-swapped SSRC", s->name);
    CHECK(srtp_stream_remove(pair.rx, 0x0a0b0c0d) == srtp_err_status_ok,
          "%s removes the received stream by its host-order SSRC", s->name);
    CHECK(srtp_stream_remove(pair.rx, 0x0a0b0c0d) != srtp_err_status_ok,
          "%s the removed stream is gone", s->name);
    free_pair(&pair);
}

int main(void)
{
    if (srtp_init() != srtp_err_status_ok) {
        printf("not ok - srtp_init\n");
        return 1;
    }
    CHECK(strstr(srtp_get_version_string(), "libsrtp2") != NULL, "version names the library underneath");
    test_key_sizes();
    test_key_length_mismatch();
    test_known_answers();
    for (size_t i = 0; i < SUITES; i++) {
        test_round_trips(&suites[i]);
        test_replay_and_tamper(&suites[i]);
        test_buffers_and_streams(&suites[i]);
    }
    srtp_shutdown();
    printf("srtp3 compat: %d checks, %d failed (suites: AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, "
           "AEAD_AES_128_GCM, AEAD_AES_256_GCM; RTP+RTCP round trips, known answers, replay, tamper, key "
           "sizes, buffers)\n",
           checks, failures);
    return failures == 0 ? 0 : 1;
}
