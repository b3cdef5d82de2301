/*
 * LD_PRELOAD shim that records the struct behind ifr_data of every SIOCETHTOOL ioctl,
 * before the call (what the tool sends) and after it (what the kernel answered).
 * strace -xx shows only the ifreq pointer, not the pointed-to ethtool struct.
 *
 * Test data only: NOT built by Maven. Build and use (see capture.sh):
 *   gcc -shared -fPIC -O1 -Wall -o /tmp/ethtool_ioctl_dump.so ethtool_ioctl_dump.c -ldl
 *   LD_PRELOAD=/tmp/ethtool_ioctl_dump.so ETHTOOL_DUMP=/tmp/out.txt ethtool -N fpcap0 ...
 *
 * With ETHTOOL_DUMP_NO_NETLINK=1 a genetlink socket() fails with EPROTONOSUPPORT, so ethtool 6.1 falls
 * back to the ioctl for commands it would otherwise send over netlink (-k, -K).
 *
 * With ETHTOOL_DUMP_FEATURE_AVAILABLE=<name> (e.g. rx-ntuple-filter) the shim marks that feature as
 * changeable in the kernel's ETHTOOL_GFEATURES answer, as a NIC supporting it would (an i40e PF does for
 * ntuple), so that `ethtool -K <veth> ntuple on` really sends its ETHTOOL_SFEATURES request for the bit.
 * The kernel still answers that request for the veth.
 *
 * With ETHTOOL_DUMP_FAKE_RULE_COUNT=<n> the shim answers ETHTOOL_GRXCLSRLCNT itself (rule_cnt n, table size
 * 512) as a NIC with n rules would, so that `ethtool -n <veth>` goes on to send ETHTOOL_GRXCLSRLALL.
 *
 * Output, one line per direction:
 *   req <cmd hex> <ifname> <hex bytes>
 *   rsp <cmd hex> <ifname> rc=<rc> errno=<errno> <hex bytes>
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <linux/ethtool.h>
#include <linux/netlink.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static size_t payload_size(const void *data)
{
	uint32_t cmd = *(const uint32_t *)data;
	switch (cmd) {
	case ETHTOOL_GDRVINFO:
		return sizeof(struct ethtool_drvinfo);
	case ETHTOOL_GRXCLSRLCNT:
	case ETHTOOL_GRXCLSRULE:
	case ETHTOOL_SRXCLSRLINS:
	case ETHTOOL_SRXCLSRLDEL:
		return sizeof(struct ethtool_rxnfc);
	case ETHTOOL_GRXCLSRLALL: {
		const struct ethtool_rxnfc *n = data;
		return sizeof(*n) + 4u * n->rule_cnt;
	}
	case ETHTOOL_GSSET_INFO: {
		const struct ethtool_sset_info *s = data;
		return sizeof(*s) + 4u * (size_t)__builtin_popcountll(s->sset_mask);
	}
	case ETHTOOL_GSTRINGS: {
		const struct ethtool_gstrings *g = data;
		return sizeof(*g) + (size_t)g->len * ETH_GSTRING_LEN;
	}
	case ETHTOOL_GFEATURES: {
		const struct ethtool_gfeatures *g = data;
		return sizeof(*g) + g->size * sizeof(struct ethtool_get_features_block);
	}
	case ETHTOOL_SFEATURES: {
		const struct ethtool_sfeatures *s = data;
		return sizeof(*s) + s->size * sizeof(struct ethtool_set_features_block);
	}
	default:
		return 4;
	}
}

static void dump(FILE *out, const char *tag, const struct ifreq *ifr, size_t n, const int *rc, int err)
{
	const unsigned char *p = (const unsigned char *)ifr->ifr_data;
	fprintf(out, "%s %#04x %s", tag, *(const uint32_t *)p, ifr->ifr_name);
	if (rc)
		fprintf(out, " rc=%d errno=%d", *rc, err);
	fputc(' ', out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%02x", p[i]);
	fputc('\n', out);
}

int socket(int domain, int type, int protocol)
{
	static int (*real)(int, int, int);
	if (!real)
		real = (int (*)(int, int, int))dlsym(RTLD_NEXT, "socket");
	if (domain == AF_NETLINK && protocol == NETLINK_GENERIC && getenv("ETHTOOL_DUMP_NO_NETLINK")) {
		errno = EPROTONOSUPPORT;
		return -1;
	}
	return real(domain, type, protocol);
}

/* index of ETHTOOL_DUMP_FEATURE_AVAILABLE in the ETH_SS_FEATURES string set, -1 = not seen */
static int fake_available_index = -1;

static void remember_feature_index(const struct ethtool_gstrings *g)
{
	const char *want = getenv("ETHTOOL_DUMP_FEATURE_AVAILABLE");
	if (!want || g->string_set != ETH_SS_FEATURES)
		return;
	for (uint32_t i = 0; i < g->len; i++)
		if (strncmp((const char *)g->data + i * ETH_GSTRING_LEN, want, ETH_GSTRING_LEN) == 0)
			fake_available_index = (int)i;
}

static void mark_feature_available(struct ethtool_gfeatures *g)
{
	if (fake_available_index < 0 || (uint32_t)fake_available_index / 32 >= g->size)
		return;
	g->features[fake_available_index / 32].available |= 1u << (fake_available_index % 32);
}

int ioctl(int fd, unsigned long request, ...)
{
	static int (*real)(int, unsigned long, ...);
	va_list ap;
	va_start(ap, request);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	if (!real)
		real = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	if (request != SIOCETHTOOL)
		return real(fd, request, arg);

	const char *path = getenv("ETHTOOL_DUMP");
	FILE *out = path ? fopen(path, "a") : stderr;
	struct ifreq *ifr = arg;
	dump(out, "req", ifr, payload_size(ifr->ifr_data), NULL, 0);
	int rc = real(fd, request, arg);
	int err = errno;
	const char *fake_count = getenv("ETHTOOL_DUMP_FAKE_RULE_COUNT");
	if (fake_count && *(uint32_t *)ifr->ifr_data == ETHTOOL_GRXCLSRLCNT) {
		struct ethtool_rxnfc *n = (struct ethtool_rxnfc *)ifr->ifr_data;
		n->rule_cnt = (uint32_t)atoi(fake_count);
		n->data = 512;
		rc = 0;
		err = 0;
	}
	uint32_t cmd = *(uint32_t *)ifr->ifr_data;
	if (rc == 0 && cmd == ETHTOOL_GSTRINGS)
		remember_feature_index((const struct ethtool_gstrings *)ifr->ifr_data);
	if (rc == 0 && cmd == ETHTOOL_GFEATURES)
		mark_feature_available((struct ethtool_gfeatures *)ifr->ifr_data);
	dump(out, "rsp", ifr, payload_size(ifr->ifr_data), &rc, rc < 0 ? err : 0);
	if (path)
		fclose(out);
	errno = err;
	return rc;
}
