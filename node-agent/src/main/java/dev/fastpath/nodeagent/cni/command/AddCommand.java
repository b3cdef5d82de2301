package dev.fastpath.nodeagent.cni.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fastpath.cniplugin.types.CniErrorCode;
import dev.fastpath.cniplugin.types.CniJson;
import dev.fastpath.cniplugin.types.CniResult;
import dev.fastpath.nodeagent.checkpoint.AttachmentExistsException;
import dev.fastpath.nodeagent.checkpoint.AttachmentKey;
import dev.fastpath.nodeagent.checkpoint.AttachmentRecord;
import dev.fastpath.nodeagent.checkpoint.DeviceInUseException;
import dev.fastpath.nodeagent.cni.CniException;
import dev.fastpath.nodeagent.cni.CniRequest;
import dev.fastpath.nodeagent.cni.CniServices;
import dev.fastpath.nodeagent.cni.RequestLog;
import dev.fastpath.nodeagent.cni.attach.AttachContext;
import dev.fastpath.nodeagent.cni.attach.AttachOutcome;
import dev.fastpath.nodeagent.cni.attach.AttachmentHandler;
import dev.fastpath.nodeagent.cni.ipam.IpamDelegate;
import dev.fastpath.nodeagent.cni.ipam.PendingIpam;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ADD: validate the device, claim (container, ifname) and the VF in the checkpoint (state {@code adding}),
 * the handler's ADD with IPAM ADD beside it ({@link PendingIpam}), device-info file, then the checkpoint entry
 * becomes {@code added} and the result is answered. Any failure after the claim undoes what was done, in reverse, and drops the claim.
 */
public final class AddCommand implements CommandHandler {
    private final CniServices services;
    private final AttachmentTeardown teardown;

    public AddCommand(CniServices services) {
        this.services = services;
        this.teardown = new AttachmentTeardown(services);
    }

    @Override
    public Optional<JsonNode> handle(CniRequest request) {
        AttachmentHandler handler = services.handlers().forType(request.attachment());
        if (request.attachment().usesVf()) {
            // Say "in use" (and by whom) before the device checks, which would only see a VF that looks moved.
            String vf = request.netConf().effectiveDeviceId();
            services.checkpoint().holderOf(vf).filter(holder -> !holder.equals(key(request))).ifPresent(holder -> {
                throw new CniException(CniErrorCode.TRY_AGAIN_LATER, new DeviceInUseException(vf, holder).getMessage());
            });
        }
        handler.validate(request);
        CniResult previous = previousResult(request);
        Path deviceInfoPath = services.deviceInfo().pathFor(request);
        RequestLog log = RequestLog.of(request);

        AtomicReference<AttachmentRecord> record = new AtomicReference<>(new AttachmentRecord(
                AttachmentRecord.SCHEMA, AttachmentRecord.ADDING, request.containerId(), request.ifname(), request.netns(),
                request.networkName(), request.attachment().wireName(),
                request.attachment().usesVf() ? request.netConf().effectiveDeviceId().toLowerCase() : null,
                null, deviceInfoPath.toString(), null, request.config(), request.cniPath().stream().map(Path::toString).toList(), request.cniArgs(),
                null, null, Instant.now().toString()));
        try {
            services.checkpoint().reserve(record.get());
        } catch (DeviceInUseException e) {
            // Usually a late DEL of the previous holder: retrying later is the right answer.
            throw new CniException(CniErrorCode.TRY_AGAIN_LATER, e.getMessage());
        } catch (AttachmentExistsException e) {
            throw CniException.invalidEnv(e.getMessage() + "; CNI_IFNAME must be unique per container");
        }
        log.info("claimed " + (record.get().deviceId() == null ? "" : "VF " + record.get().deviceId() + " ") + "in the checkpoint");

        PendingIpam ipam = request.netConf().ipamType() == null ? PendingIpam.none() : PendingIpam.add(services.ipam(), invocation(request));
        try {
            // No checkpoint write for IPAM: the claim already holds the config, which is all a rollback needs for
            // IPAM DEL; the result is recorded with the final write.
            AttachContext context = new AttachContext(request, ipam, saved -> {
                record.updateAndGet(r -> r.withSavedState(saved));
                services.checkpoint().update(record.get());
            });
            AttachOutcome outcome = handler.add(context);
            CniResult addresses = ipam.result(); // handlers without a pod netdev (vhost-user, sriov-dpdk) never asked
            if (addresses != null) {
                record.updateAndGet(r -> r.withIpamResult(CniJson.MAPPER.valueToTree(addresses)));
                log.info("IPAM " + ipam.type() + " gave " + addresses.ips().stream().map(CniResult.Ip::address).toList());
            }

            if (handler.publishesDeviceInfo()) services.deviceInfo().write(deviceInfoPath, outcome.deviceInfo());

            CniResult result = previous.plus(outcome.resultInterface(), addresses);
            ObjectNode json = result.toJson(request.cniVersion());
            record.set(record.get().added(json, outcome.resultInterface().socketPath()));
            services.checkpoint().update(record.get());
            log.info("attached " + outcome.resultInterface());
            return Optional.of(json);
        } catch (RuntimeException failure) {
            ipam.settle();
            undo(record.get(), log, failure);
            if (failure instanceof CniException) throw failure;
            throw new CniException(CniErrorCode.DEVICE_OPERATION_FAILED, "ADD failed: " + failure.getMessage(), failure.toString(), failure);
        }
    }

    /** Reverse order, best effort; the checkpoint entry stays (state adding) if the device could not be restored. */
    private void undo(AttachmentRecord record, RequestLog log, RuntimeException failure) {
        log.warn("ADD failed, undoing", failure);
        try {
            teardown.teardown(record, log);
        } catch (RuntimeException undoFailure) {
            failure.addSuppressed(undoFailure);
            log.warn("undo incomplete, checkpoint entry " + record.key() + " kept for recovery/GC", undoFailure);
            // At least release the addresses: they do not depend on the device.
            try {
                teardown.releaseAddresses(record);
            } catch (RuntimeException ignored) {
                log.warn("IPAM DEL after failed ADD also failed", ignored);
            }
        }
    }

    private static CniResult previousResult(CniRequest request) {
        JsonNode prev = request.netConf().prevResult();
        if (prev == null || prev.isNull()) return new CniResult(request.cniVersion(), null, null, null, null);
        try {
            return CniResult.fromJson(prev);
        } catch (IllegalArgumentException e) {
            throw CniException.invalidConfig("prevResult is not a CNI result: " + e.getMessage());
        }
    }

    static IpamDelegate.Invocation invocation(CniRequest request) {
        return new IpamDelegate.Invocation(request.netConf().ipamType(), request.cniPath(), request.containerId(), request.netns(),
                request.ifname(), request.cniArgs(), request.config());
    }

    static AttachmentKey key(CniRequest request) {
        return new AttachmentKey(request.containerId(), request.ifname());
    }
}
