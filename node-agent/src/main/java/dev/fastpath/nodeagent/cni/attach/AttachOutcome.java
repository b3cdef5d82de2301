package dev.fastpath.nodeagent.cni.attach;

import dev.fastpath.cniplugin.types.CniResult;
import dev.fastpath.cniplugin.types.DeviceInfo;

/** What an ADD produced: the result interface, and the NPWG device-info to publish. */
public record AttachOutcome(CniResult.Interface resultInterface, DeviceInfo deviceInfo) {}
