/* Builds the task pane and the ribbon commands into dist/. The https dev server (and its
   office-addin-dev-certs certificate) is only set up when serving, so `npm run build` and CI need no certificates. */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
// Deployment: ADDIN_BASE_URL=https://plans.example.org/csp/ npm run build rewrites the manifest's URLs.
const baseUrl = process.env.ADDIN_BASE_URL ? process.env.ADDIN_BASE_URL.replace(/\/?$/, "/") : DEV_URL;

/**
 * The pages' Content-Security-Policy: scripts only from this origin and Microsoft's Office CDN, no network
 * calls anywhere else (the add-in sends nothing, no telemetry). The dev server adds its live-reload socket.
 */
function contentSecurityPolicy(serving) {
  const officeCdn = "https://appsforoffice.microsoft.com";
  return [
    "default-src 'self'",
    `script-src 'self' ${officeCdn}`,
    // Fluent UI writes its styles at run time into <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${serving ? " wss://localhost:*" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}

module.exports = async (env, options) => {
  const serving = Boolean(env && env.WEBPACK_SERVE);
  return {
    devtool: options.mode === "production" ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      // The browser preview (preview.html): the pane beside a grid of an in-memory workbook.
      preview: "./src/preview/index.tsx",
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].[contenthash:8].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { configFile: "tsconfig.webpack.json" } } }],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"], csp: contentSecurityPolicy(serving) }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"], csp: contentSecurityPolicy(serving) }),
      new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/preview/preview.html", chunks: ["preview"], csp: contentSecurityPolicy(serving) }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/help.html", to: "help.html" },
          // Plain ES5, copied as written: it must run where the bundle cannot (src/taskpane/legacy-check.js).
          { from: "src/taskpane/legacy-check.js", to: "legacy-check.js" },
          // office.js for the preview, which cannot count on reaching Microsoft's CDN (the task pane itself uses the CDN).
          { from: "node_modules/@microsoft/office-js/dist/office.js", to: "office-js/office.js" },
          { from: "node_modules/@microsoft/office-js/dist/o15apptofilemappingtable.js", to: "office-js/o15apptofilemappingtable.js" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => content.toString().split(DEV_URL).join(baseUrl),
          },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: serving
      ? {
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: await httpsOptions() },
          port: Number(process.env.npm_package_config_dev_server_port || 3000),
        }
      : undefined,
  };
};

module.exports.contentSecurityPolicy = contentSecurityPolicy;
