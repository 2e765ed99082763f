# Convenience wrappers; ./dev does the work (and needs nothing but python3 and bash).
.PHONY: run test demo lint fmt bench venv i18n bundle deb
run:   ; ./dev run
test:  ; ./dev test
demo:  ; ./dev demo
lint:  ; ./dev lint
fmt:   ; ./dev fmt
bench: ; ./dev bench
venv:  ; ./dev venv
i18n:  ; ./dev i18n
bundle: ; ./dev bundle
deb:   ; ./dev deb
