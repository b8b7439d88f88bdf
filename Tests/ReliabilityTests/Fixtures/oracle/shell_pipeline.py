import subprocess
r = subprocess.run('/bin/echo abc | /usr/bin/tr a x', shell=True, capture_output=True, text=True)
print(r.stdout.strip(), r.returncode)
