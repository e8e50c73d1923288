/* Floor relay, SFU syscall pattern: one recvfrom per packet, one sendto per packet per receiver. */
#include "relay_common.h"

int main(int argc, char **argv) {
  struct relay_config config = relay_parse(argc, argv);
  struct sockaddr_in sink;
  int fd = relay_open(&config, &sink);
  unsigned char packet[MAX_PACKET_BYTES];

  while (!relay_stop) {
    ssize_t length = recv(fd, packet, sizeof packet, 0);
    if (length < 0) {
      if (errno == EINTR) continue;
      relay_die("recv");
    }
    if (length < RTP_HEADER_BYTES || relay_is_rtcp(packet)) continue;
    relay_received++;
    uint32_t ssrc = relay_read_ssrc(packet);
    for (int i = 0; i < config.fanout && !relay_stop; i++) {
      relay_write_ssrc(packet, ssrc + (uint32_t)i + 1);
      if (sendto(fd, packet, (size_t)length, 0, (struct sockaddr *)&sink, sizeof sink) < 0) {
        if (errno == EINTR) break;
        if (errno == ENOBUFS || errno == EAGAIN) continue; /* dropped, as an SFU would */
        relay_die("sendto");
      }
      relay_sent++;
    }
  }
  relay_report();
  close(fd);
  return 0;
}
