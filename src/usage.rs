//! The process's use of the machine, as the operating system reports it: the
//! peak resident set size (`VmHWM` in `/proc/self/status`) and the CPU time of
//! all its threads (`utime` + `stime` in `/proc/self/stat`). Builds report both
//! in their summary; `newsgraph bench` reads them from the summary's JSON and
//! measures its own extraction runs with [`cpu_seconds`], so that a figure per
//! core holds even when other programs share the machine.

/// Clock ticks per second of `/proc/<pid>/stat` (`USER_HZ`, 100 on every Linux ABI).
const TICKS_PER_SECOND: f64 = 100.0;

/// Peak resident memory of this process in bytes; `None` where the system does not tell.
pub fn peak_resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

/// CPU seconds this process has used so far, user and system, on all its
/// threads (10 ms resolution); `None` where the system does not tell.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    parse_cpu_ticks(&stat).map(|t| t as f64 / TICKS_PER_SECOND)
}

/// Resident memory of this process now, in bytes (`VmRSS`).
pub fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_kb(&status, "VmRSS:")
}

fn parse_vm_hwm(status: &str) -> Option<u64> {
    parse_kb(status, "VmHWM:")
}

fn parse_kb(status: &str, key: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// `utime` + `stime`, fields 14 and 15 of `/proc/<pid>/stat`. The command name
/// (field 2) is in parentheses and may hold spaces, so fields are counted after
/// its closing parenthesis.
fn parse_cpu_ticks(stat: &str) -> Option<u64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_high_water_mark() {
        let status =
            "Name:\tnewsgraph\nVmPeak:\t  900000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 100 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(123456 * 1024));
        assert_eq!(parse_vm_hwm("Name:\tx\n"), None);
        assert_eq!(parse_kb(status, "VmRSS:"), Some(100 * 1024));
    }

    #[test]
    fn reads_user_and_system_ticks_after_the_command_name() {
        let stat = "4242 (news graph) R 1 4242 4242 0 -1 4194560 1234 0 0 0 250 17 0 0 20 0 3 0 99 1000 200";
        assert_eq!(parse_cpu_ticks(stat), Some(267));
        assert_eq!(parse_cpu_ticks("4242 (x) R 1"), None);
    }

    #[test]
    fn this_process_has_a_peak_and_cpu_time() {
        if cfg!(target_os = "linux") {
            assert!(peak_resident_bytes().unwrap() > 1024 * 1024);
            let spin = (0..2_000_000u64).fold(0u64, |a, x| a.wrapping_add(x * x));
            std::hint::black_box(spin);
            assert!(cpu_seconds().unwrap() >= 0.0);
        }
    }
}
