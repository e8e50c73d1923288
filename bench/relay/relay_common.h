/*
 * Shared part of the two floor relays: arguments, the UDP socket, a bounded run time and the
 * counters. A relay receives RTP on 127.0.0.1:<listen port> and sends each packet to <fanout>
 * destinations (all the sink's port), writing a destination-specific SSRC (input SSRC + i + 1)
 * into each copy so the sink can tell the copies apart, as it tells an SFU's consumers apart.
 * Nothing else: no SRTP, no RTCP, no buffering. It is the machine's floor, not an SFU.
 */
#ifndef RELAY_COMMON_H
#define RELAY_COMMON_H

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define RTP_HEADER_BYTES 12
#define MAX_PACKET_BYTES 2048
#define MAX_FANOUT 65535

struct relay_config {
  int listen_port;
  int sink_port;
  int fanout;
  int max_seconds;
};

static volatile sig_atomic_t relay_stop = 0;
static unsigned long long relay_received = 0;
static unsigned long long relay_sent = 0;

static void relay_on_signal(int sig) {
  (void)sig;
  relay_stop = 1;
}

static void relay_die(const char *what) {
  fprintf(stderr, "relay: %s: %s\n", what, strerror(errno));
  exit(1);
}

static int relay_parse_int(const char *text, int min, int max, const char *name) {
  char *end = NULL;
  long value = strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < min || value > max) {
    fprintf(stderr, "relay: %s must be %d..%d, got '%s'\n", name, min, max, text);
    exit(2);
  }
  return (int)value;
}

/* Usage: relay <listen port (0 = any)> <sink port> <fanout> <max seconds> */
static struct relay_config relay_parse(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s <listen port> <sink port> <fanout> <max seconds>\n", argv[0]);
    exit(2);
  }
  struct relay_config config;
  config.listen_port = relay_parse_int(argv[1], 0, 65535, "listen port");
  config.sink_port = relay_parse_int(argv[2], 1, 65535, "sink port");
  config.fanout = relay_parse_int(argv[3], 1, MAX_FANOUT, "fanout");
  config.max_seconds = relay_parse_int(argv[4], 1, 3600, "max seconds");
  return config;
}

/* Binds the socket, installs the stop signals and the run-time bound, prints "ready <port>". */
static int relay_open(const struct relay_config *config, struct sockaddr_in *sink) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) relay_die("socket");
  struct sockaddr_in local;
  memset(&local, 0, sizeof local);
  local.sin_family = AF_INET;
  local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  local.sin_port = htons((uint16_t)config->listen_port);
  if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0) relay_die("bind");
  socklen_t length = sizeof local;
  if (getsockname(fd, (struct sockaddr *)&local, &length) < 0) relay_die("getsockname");
  int buffer = 4 * 1024 * 1024;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);

  memset(sink, 0, sizeof *sink);
  sink->sin_family = AF_INET;
  sink->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  sink->sin_port = htons((uint16_t)config->sink_port);

  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = relay_on_signal; /* no SA_RESTART: a blocked receive returns EINTR */
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGINT, &action, NULL);
  sigaction(SIGALRM, &action, NULL);
  alarm((unsigned)config->max_seconds);

  printf("ready %d\n", ntohs(local.sin_port));
  fflush(stdout);
  return fd;
}

static int relay_is_rtcp(const unsigned char *packet) {
  return packet[1] >= 200 && packet[1] <= 207;
}

static uint32_t relay_read_ssrc(const unsigned char *packet) {
  return ((uint32_t)packet[8] << 24) | ((uint32_t)packet[9] << 16) | ((uint32_t)packet[10] << 8) | packet[11];
}

static void relay_write_ssrc(unsigned char *packet, uint32_t ssrc) {
  packet[8] = (unsigned char)(ssrc >> 24);
  packet[9] = (unsigned char)(ssrc >> 16);
  packet[10] = (unsigned char)(ssrc >> 8);
  packet[11] = (unsigned char)ssrc;
}

static void relay_report(void) {
  fprintf(stderr, "relay: received %llu sent %llu\n", relay_received, relay_sent);
}

#endif
