;;; emacs_check.el --- check the eglot configuration of docs/editors.md  -*- lexical-binding: t -*-
;; SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
;;
;; Run by test/editors/emacs.test after the configuration from docs/editors.md
;; (Emacs 28 + elpa-eglot) is loaded:
;;   emacs --batch -l init.el -l emacs_check.el FILE
;; Opens FILE as a user would, lets eglot start as it does after a command,
;; waits for flymake's diagnostics, prints the server and the diagnostics, and
;; exits (status 1 when none arrived).

(let* ((file (car command-line-args-left))
       (buffer (find-file-noselect file))
       (deadline (+ (float-time) 60))
       (diagnostics nil))
  (setq command-line-args-left nil)
  (with-current-buffer buffer
    ;; eglot-ensure connects after the next command; batch mode has none.
    (run-hooks 'post-command-hook)
    (while (and (null diagnostics) (< (float-time) deadline))
      (accept-process-output nil 0.1)
      (when (bound-and-true-p flymake-mode)
        (flymake-start))
      (setq diagnostics (flymake-diagnostics)))
    (let ((server (eglot-current-server)))
      (princ (format "server %s, project %s\n"
                     (and server (car (process-command
                                       (jsonrpc--process server))))
                     (and server (project-root (eglot--project server))))))
    ;; The server's log (its stderr) names it in its first line.
    (dolist (log (buffer-list))
      (when (string-match-p "^ ?\\*EGLOT .* stderr\\*$" (buffer-name log))
        (with-current-buffer log
          (goto-char (point-min))
          (when (re-search-forward "async-clangd (async-lint [^)]*)[^\n]*" nil t)
            (princ (format "stderr: %s\n" (match-string 0)))))))
    (dolist (d (sort diagnostics (lambda (a b) (< (flymake-diagnostic-beg a)
                                                  (flymake-diagnostic-beg b)))))
      (princ (format "diagnostic %d: %s\n"
                     (line-number-at-pos (flymake-diagnostic-beg d))
                     (flymake-diagnostic-text d))))
    (let ((server (eglot-current-server)))
      (when server
        (ignore-errors (eglot-shutdown server)))))
  (kill-emacs (if diagnostics 0 1)))
