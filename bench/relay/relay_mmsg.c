/*
 * Floor relay, batched: recvmmsg takes up to RECV_BATCH packets per call, and each packet goes to
 * all receivers through sendmmsg, SEND_BATCH messages per call. Each copy is two iovecs: its own
 * 12-byte header (destination SSRC) and the shared payload, so no payload is copied.
 */
#include "relay_common.h"

#define RECV_BATCH 64
#define SEND_BATCH 1024

static unsigned char packets[RECV_BATCH][MAX_PACKET_BYTES];
static unsigned char headers[SEND_BATCH][RTP_HEADER_BYTES];

int main(int argc, char **argv) {
  struct relay_config config = relay_parse(argc, argv);
  struct sockaddr_in sink;
  int fd = relay_open(&config, &sink);

  struct mmsghdr in[RECV_BATCH];
  struct iovec in_iov[RECV_BATCH];
  struct mmsghdr out[SEND_BATCH];
  struct iovec out_iov[SEND_BATCH][2];
  memset(in, 0, sizeof in);
  memset(out, 0, sizeof out);
  for (int i = 0; i < RECV_BATCH; i++) {
    in_iov[i].iov_base = packets[i];
    in_iov[i].iov_len = MAX_PACKET_BYTES;
    in[i].msg_hdr.msg_iov = &in_iov[i];
    in[i].msg_hdr.msg_iovlen = 1;
  }
  for (int i = 0; i < SEND_BATCH; i++) {
    out_iov[i][0].iov_base = headers[i];
    out_iov[i][0].iov_len = RTP_HEADER_BYTES;
    out[i].msg_hdr.msg_iov = out_iov[i];
    out[i].msg_hdr.msg_iovlen = 2;
    out[i].msg_hdr.msg_name = &sink;
    out[i].msg_hdr.msg_namelen = sizeof sink;
  }

  while (!relay_stop) {
    int count = recvmmsg(fd, in, RECV_BATCH, MSG_WAITFORONE, NULL);
    if (count < 0) {
      if (errno == EINTR) continue;
      relay_die("recvmmsg");
    }
    for (int p = 0; p < count && !relay_stop; p++) {
      unsigned char *packet = packets[p];
      size_t length = in[p].msg_len;
      if (length < RTP_HEADER_BYTES || relay_is_rtcp(packet)) continue;
      relay_received++;
      uint32_t ssrc = relay_read_ssrc(packet);
      for (int first = 0; first < config.fanout && !relay_stop; first += SEND_BATCH) {
        int batch = config.fanout - first < SEND_BATCH ? config.fanout - first : SEND_BATCH;
        for (int i = 0; i < batch; i++) {
          memcpy(headers[i], packet, RTP_HEADER_BYTES);
          relay_write_ssrc(headers[i], ssrc + (uint32_t)(first + i) + 1);
          out_iov[i][1].iov_base = packet + RTP_HEADER_BYTES;
          out_iov[i][1].iov_len = length - RTP_HEADER_BYTES;
        }
        /* sendmmsg may send fewer than asked; the loop bound is the batch size. */
        for (int sent = 0, tries = 0; sent < batch && tries < batch; tries++) {
          int done = sendmmsg(fd, out + sent, (unsigned)(batch - sent), 0);
          if (done < 0) {
            if (errno == EINTR) break;
            if (errno == ENOBUFS || errno == EAGAIN) { sent++; continue; } /* drop one, go on */
            relay_die("sendmmsg");
          }
          sent += done;
          relay_sent += (unsigned long long)done;
        }
      }
    }
  }
  relay_report();
  close(fd);
  return 0;
}
