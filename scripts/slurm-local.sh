#!/usr/bin/env bash
# A single-node Slurm cluster on this machine (munged, slurmctld, slurmd as plain daemons: no systemd), for the
# Slurm executor's tests and benchmark:
#   scripts/slurm-local.sh start    # installs the Debian packages if missing (root), writes slurm.conf, starts, waits for an idle node
#   scripts/slurm-local.sh status   # the node's state (exit 1 when the cluster is down)
#   scripts/slurm-local.sh stop     # scontrol shutdown, then munged
# The cluster is machine-wide (ports 6817/6818, /etc/slurm): start it once per CI run and stop it at exit.
# Jobs run as the submitter in the submit folder, on the same file system: the executor's shared-file-system
# assumption holds by construction here.
set -euo pipefail
PACKAGES=(slurmctld slurmd slurm-client munge)
CONF=/etc/slurm/slurm.conf
LOGS=/var/log/slurm
say() { printf '[slurm-local] %s\n' "$*" >&2; }

need_root() { [ "$(id -u)" = 0 ] || { say "must run as root (it installs packages and starts daemons)"; exit 1; }; }

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  # The postinst scripts try to start the services; policy-rc.d or a missing systemd just refuses that, harmlessly.
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
}

write_conf() {
  local cpus mem
  cpus=$(nproc)
  mem=$(( $(free -m | awk '/^Mem:/ {print $2}') * 9 / 10 ))
  mkdir -p /etc/slurm "$LOGS" /var/spool/slurmctld /var/spool/slurmd
  cat > "$CONF" <<CONF
# written by scripts/slurm-local.sh: one node, localhost, no accounting
ClusterName=rglocal
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$LOGS/jobcomp.log
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
# finished jobs stay visible to scontrol for an hour (default 300 s); no 3 s batch scheduling delay
MinJobAge=3600
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
# an impossible request fails at submission instead of pending forever
EnforcePartLimits=ALL
MailProg=/bin/true
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop() {
  if pid_alive /run/slurmctld.pid || pid_alive /run/slurmd.pid; then
    scontrol shutdown >/dev/null 2>&1 || true
    for _ in $(seq 1 50); do pid_alive /run/slurmctld.pid || pid_alive /run/slurmd.pid || break; sleep 0.1; done
    for f in /run/slurmctld.pid /run/slurmd.pid; do pid_alive "$f" && kill "$(cat "$f")" 2>/dev/null || true; done
  fi
  if pid_alive /run/munge/munged.pid; then
    kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
    for _ in $(seq 1 30); do pid_alive /run/munge/munged.pid || break; sleep 0.1; done
  fi
  say "stopped"
}

start() {
  need_root
  install_packages
  stop >/dev/null 2>&1 || true
  write_conf
  if [ "${SLURM_KEEP_STATE:-0}" != 1 ]; then
    rm -rf /var/spool/slurmctld/* /var/spool/slurmd/*
    : > "$LOGS/jobcomp.log"; : > "$LOGS/slurmctld.log"; : > "$LOGS/slurmd.log"   # job ids restart at 1
  fi
  install -d -o munge -g munge -m 0755 /run/munge
  [ -f /etc/munge/munge.key ] || { mungekey -c -k /etc/munge/munge.key; chown munge:munge /etc/munge/munge.key; }
  runuser -u munge -- /usr/sbin/munged </dev/null >/dev/null 2>&1
  for _ in $(seq 1 50); do munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n </dev/null | unmunge >/dev/null || { say "munged does not answer"; exit 1; }
  /usr/sbin/slurmctld </dev/null >/dev/null 2>&1
  /usr/sbin/slurmd -N localhost </dev/null >/dev/null 2>&1
  for _ in $(seq 1 200); do
    state=$(sinfo -h -N -n localhost -o %T 2>/dev/null || true)
    [ "$state" = idle ] && { say "up: node localhost idle ($(nproc) CPUs), partition debug"; return 0; }
    sleep 0.1
  done
  say "the node did not become idle within 20 s (state: ${state:-none}); log tails:"
  tail -n 15 "$LOGS/slurmctld.log" "$LOGS/slurmd.log" >&2 || true
  exit 1
}

status() {
  local state
  state=$(sinfo -h -N -n localhost -o %T 2>/dev/null || true)
  if [ -n "$state" ]; then echo "localhost: $state"; else echo "down"; return 1; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
