//! Runs the `corpus` binary as a user would.
use std::path::PathBuf;
use std::process::Command;

fn corpus() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corpus"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("corpus-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

#[test]
fn non_utf8_file_is_named_and_the_rest_exported() {
    let dir = temp_dir("lossy");
    std::fs::write(dir.join("a_good.txt"), "Good Title\n\nAlibaba joined the alliance.\n").unwrap();
    std::fs::write(dir.join("b_bad.txt"), b"Bad \xff\xfe Title\n\nSome \xc3 text.\n").unwrap();
    std::fs::write(dir.join("ignored.csv"), "not an article").unwrap();
    let out = corpus().arg("export").arg(&dir).output().expect("run corpus");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stderr: {stderr}");
    assert!(stderr.contains("b_bad.txt") && stderr.contains("not valid UTF-8"), "stderr: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    let ids: Vec<&str> = json["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["a_good", "b_bad"]);
    assert_eq!(json["documents"][0]["title"], "Good Title");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_named_skipped_and_exit_code_is_1() {
    let dir = temp_dir("unreadable");
    std::fs::write(dir.join("a.txt"), "A\n\nText.\n").unwrap();
    // A directory named like an article cannot be read as a file, even by root.
    std::fs::create_dir(dir.join("b.txt")).unwrap();
    let out = corpus().arg("export").arg(&dir).output().expect("run corpus");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("b.txt"), "stderr: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(json["documents"].as_array().unwrap().len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_dir_is_a_clear_error_with_code_2() {
    let out = corpus().args(["export", "/definitely/not/here"]).output().expect("run corpus");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/definitely/not/here"), "stderr: {stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn help_and_no_args_print_usage() {
    for args in [vec![], vec!["help"]] {
        let out = corpus().args(&args).output().expect("run corpus");
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("usage: corpus"));
    }
    let out = corpus().args(["bogus"]).output().expect("run corpus");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn seeds_export_has_five_documents() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let out = corpus().arg("export").arg(&seeds).output().expect("run corpus");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    let ids: Vec<&str> = json["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        vec![
            "000_7a9101c4ee3a9e57", "001_483ee77271d60ea4", "002_5af6f30b5e22657d", "003_967de579bf9c38fe",
            "004_0ea822e839625de1"
        ]
    );
    // The related-reading lists of 003 and 004 and the comment form of 002 are set aside.
    for (i, min) in [(2, 2), (3, 20), (4, 20)] {
        assert!(json["documents"][i]["boilerplate_paragraphs"].as_u64().unwrap() >= min, "doc {i}");
    }
    assert_eq!(json["documents"][0]["boilerplate_paragraphs"], 0);
}
