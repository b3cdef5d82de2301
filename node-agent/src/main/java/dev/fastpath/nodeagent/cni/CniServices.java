package dev.fastpath.nodeagent.cni;

import dev.fastpath.nodeagent.checkpoint.Checkpoint;
import dev.fastpath.nodeagent.cni.attach.AttachmentHandlers;
import dev.fastpath.nodeagent.cni.ipam.IpamDelegate;

/** What the command handlers share. */
public record CniServices(Checkpoint checkpoint, IpamDelegate ipam, AttachmentHandlers handlers, DeviceInfoFiles deviceInfo, KeyedLocks locks) {}
